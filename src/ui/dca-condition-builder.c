/* dca-condition-builder.c: edit one phase's condition list
 *
 * The widgets are the model: an item is a card holding a condition or a
 * group, and reading the list walks the cards.  Conditions are few (a
 * handful per phase) and each is a small form, so a box of cards rather than
 * a list view.  Which parameters an indicator takes, and their defaults,
 * are asked of core once (by letting it read a condition with none given),
 * so the builder never offers what core would refuse.
 */
#define G_LOG_DOMAIN "dca-condition-builder"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "dca-candles.h"
#include "dca-conditions.h"
#include "dca-condition-builder.h"
#include "dca-json.h"

/* ---- what core accepts ---------------------------------------------------- */

static const struct
{
  const char *name;
  const char *label;
} indicators[] = {
  { "rsi", N_("RSI") },
  { "macd", N_("MACD histogram") },
  /* xgettext:no-c-format */
  { "bb_percent", N_("Bollinger %B") },
  { "ema_cross", N_("Close − EMA") },
  { "sma_cross", N_("Close − SMA") },
  /* xgettext:no-c-format */
  { "stochastic", N_("Stochastic %K") },
  { "volume", N_("Volume") },
  /* xgettext:no-c-format */
  { "price_change", N_("Price change %") },
};

static const struct
{
  const char *name;
  const char *label;
} operators[] = {
  { "greater_than", N_("above") },
  { "less_than", N_("below") },
  { "greater_equal", N_("at or above") },
  { "less_equal", N_("at or below") },
  { "crossing_above", N_("crossing above") },
  { "crossing_below", N_("crossing below") },
};

enum
{
  PARAM_PERIOD,
  PARAM_FAST,
  PARAM_SLOW,
  PARAM_SIGNAL,
  PARAM_STD_DEV,
  N_PARAMS
};

static const char *const param_keys[N_PARAMS] = {
  "period", "fast_period", "slow_period", "signal_period", "std_dev",
};

static const char *const param_labels[N_PARAMS] = {
  N_("Period"), N_("Fast"), N_("Slow"), N_("Signal"), N_("Std. dev."),
};

typedef struct
{
  gboolean takes[N_PARAMS];
  double   defaults[N_PARAMS];
  double   min[N_PARAMS];
  double   max[N_PARAMS];
} IndicatorInfo;

static IndicatorInfo info[G_N_ELEMENTS (indicators)];

static JsonObject *
probe (const char  *type,
       const char  *extra,
       JsonNode   **keep)
{
  g_autofree char *text = g_strdup_printf ("[{\"type\":\"%s\",\"operator\":\"greater_than\","
                                           "\"value\":0,\"timeframe\":\"ONE_HOUR\"%s}]",
                                           type, extra);
  g_autoptr(JsonNode) node = dca_json_parse (text, -1, NULL);
  g_autoptr(DcaConditionList) list = NULL;
  JsonArray *array;

  if (node == NULL)
    return NULL;
  list = dca_condition_list_parse (node, DCA_LOGIC_AND, "probe", NULL);
  if (list == NULL)
    return NULL;
  *keep = dca_condition_list_to_json (list);
  array = json_node_get_array (*keep);
  return json_array_get_object_element (array, 0);
}

/* Core's canonical form writes every parameter a type takes with its
 * default; price_change alone also takes a period of 1. */
static void
learn_indicators (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (indicators); i++)
    {
      g_autoptr(JsonNode) canonical = NULL;
      g_autoptr(JsonNode) one = NULL;
      JsonObject *obj = probe (indicators[i].name, "", &canonical);

      if (obj == NULL)
        {
          g_critical ("core refuses the indicator %s", indicators[i].name);
          continue;
        }
      for (guint p = 0; p < N_PARAMS; p++)
        {
          info[i].takes[p] = json_object_has_member (obj, param_keys[p]);
          info[i].defaults[p] = info[i].takes[p] ? json_object_get_double_member (obj, param_keys[p]) : 0;
          info[i].min[p] = p == PARAM_STD_DEV ? DCA_CONDITION_STD_DEV_MIN : DCA_CONDITION_PERIOD_MIN;
          info[i].max[p] = p == PARAM_STD_DEV ? DCA_CONDITION_STD_DEV_MAX : DCA_CONDITION_PERIOD_MAX;
        }
      if (info[i].takes[PARAM_PERIOD] && probe (indicators[i].name, ",\"period\":1", &one) != NULL)
        info[i].min[PARAM_PERIOD] = 1;
    }
}

static int
indicator_index (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (indicators); i++)
    if (g_strcmp0 (indicators[i].name, name) == 0)
      return (int) i;
  return -1;
}

static int
operator_index (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (operators); i++)
    if (g_strcmp0 (operators[i].name, name) == 0)
      return (int) i;
  return -1;
}

/* timeframes in the dropdowns: index i is DcaTimeframe i + 1 */
#define N_TIMEFRAMES (DCA_N_TIMEFRAMES - 1)

/* ---- the widget ------------------------------------------------------------ */

typedef struct
{
  GtkWidget *type;             /* GtkDropDown */
  GtkWidget *timeframe;        /* GtkDropDown; on the right, 0 is "same timeframe" */
  GtkWidget *params[N_PARAMS]; /* GtkSpinButton */
} IndicatorWidgets;

typedef struct
{
  IndicatorWidgets lhs;
  GtkWidget       *op;
  GtkWidget       *value_kind;  /* 0: a number, 1: an indicator */
  GtkWidget       *value;       /* GtkEntry */
  IndicatorWidgets rhs;
  GtkWidget       *error_label;
} Condition;

typedef struct
{
  GtkWidget *logic;
  GtkWidget *items;
  GtkWidget *error_label;
} Group;

struct _DcaConditionBuilder
{
  AdwBin       parent_instance;

  GtkLabel    *title_label;
  GtkDropDown *logic_dropdown;
  GtkLabel    *empty_label;
  GtkLabel    *error_label;
  GtkBox      *items_box;

  guint        loading;
};

G_DEFINE_FINAL_TYPE (DcaConditionBuilder, dca_condition_builder, ADW_TYPE_BIN)

enum
{
  PROP_0,
  PROP_TITLE,
  PROP_EMPTY_TEXT,
  PROP_LOGIC,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
update_empty (DcaConditionBuilder *self)
{
  gboolean empty = gtk_widget_get_first_child (GTK_WIDGET (self->items_box)) == NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->empty_label), empty);
  gtk_widget_set_visible (GTK_WIDGET (self->items_box), !empty);
  gtk_widget_set_visible (GTK_WIDGET (self->logic_dropdown), !empty);
}

static void
emit_changed (DcaConditionBuilder *self)
{
  if (self->loading == 0)
    g_signal_emit (self, signals[CHANGED], 0);
}

static DcaConditionBuilder *
builder_of (GtkWidget *widget)
{
  return DCA_CONDITION_BUILDER (gtk_widget_get_ancestor (widget, DCA_TYPE_CONDITION_BUILDER));
}

static void
on_widget_changed (GtkWidget *widget)
{
  DcaConditionBuilder *self = builder_of (widget);

  if (self != NULL)
    emit_changed (self);
}

/* A piece of a condition's sentence: an optional caption and a control.
 * Pieces flow onto as many lines as the width needs. */
static void
add_piece (GtkWidget  *flow,
           const char *caption,
           GtkWidget  *control)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *child;

  if (caption != NULL)
    {
      GtkWidget *label = gtk_label_new (caption);

      gtk_widget_add_css_class (label, "dim-label");
      gtk_box_append (GTK_BOX (box), label);
      gtk_accessible_update_relation (GTK_ACCESSIBLE (control), GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL, -1);
    }
  gtk_widget_set_valign (control, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), control);
  gtk_flow_box_append (GTK_FLOW_BOX (flow), box);
  child = gtk_widget_get_parent (box);
  /* the controls take the focus, not the flow box's cells */
  gtk_widget_set_focusable (child, FALSE);
}

static void
show_piece (GtkWidget *control,
            gboolean   visible)
{
  GtkWidget *cell = gtk_widget_get_ancestor (control, GTK_TYPE_FLOW_BOX_CHILD);

  gtk_widget_set_visible (cell ? cell : control, visible);
}

static GtkWidget *
strings_dropdown (const char *const *labels,
                  guint               n,
                  const char         *first)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  GtkWidget *dropdown;

  if (first != NULL)
    gtk_string_list_append (model, first);
  for (guint i = 0; i < n; i++)
    gtk_string_list_append (model, labels[i]);
  dropdown = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&model)), NULL);
  g_signal_connect (dropdown, "notify::selected", G_CALLBACK (on_widget_changed), NULL);
  return dropdown;
}

static GtkWidget *
timeframe_dropdown (gboolean same_first)
{
  const char *names[N_TIMEFRAMES];

  for (guint i = 0; i < N_TIMEFRAMES; i++)
    names[i] = dca_timeframe_short_name ((DcaTimeframe) (i + 1));
  /* Translators: the timeframe of an indicator on the right of a condition, when it is the condition's own */
  return strings_dropdown (names, N_TIMEFRAMES, same_first ? _("same timeframe") : NULL);
}

static GtkWidget *
logic_dropdown (void)
{
  const char *labels[] = { _("All of them (and)"), _("Any of them (or)") };
  GtkWidget *dropdown = strings_dropdown (labels, G_N_ELEMENTS (labels), NULL);

  gtk_widget_set_name (dropdown, "logic");
  gtk_widget_set_tooltip_text (dropdown, _("How the conditions combine"));
  return dropdown;
}

/* the parameters the chosen indicator takes; `reset` gives them its defaults */
static void
update_params (IndicatorWidgets *w,
               gboolean          visible,
               gboolean          reset)
{
  guint t = gtk_drop_down_get_selected (GTK_DROP_DOWN (w->type));

  if (t >= G_N_ELEMENTS (indicators))
    return;
  for (guint p = 0; p < N_PARAMS; p++)
    {
      GtkSpinButton *spin = GTK_SPIN_BUTTON (w->params[p]);

      show_piece (w->params[p], visible && info[t].takes[p]);
      if (!info[t].takes[p])
        continue;
      gtk_spin_button_set_range (spin, info[t].min[p], info[t].max[p]);
      if (reset)
        gtk_spin_button_set_value (spin, info[t].defaults[p]);
    }
}

static void
update_condition (Condition *c,
                  gboolean   reset_lhs,
                  gboolean   reset_rhs)
{
  gboolean rhs = gtk_drop_down_get_selected (GTK_DROP_DOWN (c->value_kind)) == 1;

  update_params (&c->lhs, TRUE, reset_lhs);
  show_piece (c->value, !rhs);
  show_piece (c->rhs.type, rhs);
  show_piece (c->rhs.timeframe, rhs);
  update_params (&c->rhs, rhs, reset_rhs);
}

static void
on_lhs_type (GtkWidget  *dropdown,
             GParamSpec *pspec,
             Condition  *c)
{
  DcaConditionBuilder *self = builder_of (dropdown);

  /* a loaded condition keeps its own parameters */
  update_condition (c, self == NULL || self->loading == 0, FALSE);
}

static void
on_rhs_type (GtkWidget  *dropdown,
             GParamSpec *pspec,
             Condition  *c)
{
  DcaConditionBuilder *self = builder_of (dropdown);

  update_condition (c, FALSE, self == NULL || self->loading == 0);
}

static void
on_value_kind (GtkWidget  *dropdown,
               GParamSpec *pspec,
               Condition  *c)
{
  update_condition (c, FALSE, FALSE);
}

static void
make_indicator (IndicatorWidgets *w,
                GtkWidget        *flow,
                gboolean          rhs,
                Condition        *c)
{
  const char *labels[G_N_ELEMENTS (indicators)];

  for (guint i = 0; i < G_N_ELEMENTS (indicators); i++)
    labels[i] = _(indicators[i].label);
  w->type = strings_dropdown (labels, G_N_ELEMENTS (indicators), NULL);
  gtk_widget_set_name (w->type, rhs ? "value-indicator" : "indicator");
  gtk_widget_set_tooltip_text (w->type, rhs ? _("The indicator to compare with") : _("Indicator"));
  g_signal_connect (w->type, "notify::selected", G_CALLBACK (rhs ? on_rhs_type : on_lhs_type), c);
  add_piece (flow, NULL, w->type);

  for (guint p = 0; p < N_PARAMS; p++)
    {
      gboolean whole = p != PARAM_STD_DEV;
      GtkWidget *spin = gtk_spin_button_new_with_range (whole ? 1 : 0.1, whole ? 500 : 10, whole ? 1 : 0.1);
      g_autofree char *name = g_strconcat (rhs ? "value-" : "", param_keys[p], NULL);

      gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), whole ? 0 : 2);
      gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
      gtk_editable_set_width_chars (GTK_EDITABLE (spin), 3);
      gtk_widget_set_name (spin, name);
      g_signal_connect (spin, "value-changed", G_CALLBACK (on_widget_changed), NULL);
      w->params[p] = spin;
      add_piece (flow, _(param_labels[p]), spin);
    }

  w->timeframe = timeframe_dropdown (rhs);
  gtk_widget_set_name (w->timeframe, rhs ? "value-timeframe" : "timeframe");
  gtk_widget_set_tooltip_text (w->timeframe, _("Timeframe of the candles"));
  /* Translators: "RSI  Period 14  on 15m" */
  add_piece (flow, rhs ? NULL : C_("timeframe", "on"), w->timeframe);
}

static void remove_item (GtkWidget *item);

static void
on_remove (GtkButton *button,
           GtkWidget *item)
{
  remove_item (item);
}

static GtkWidget *
remove_button (GtkWidget  *item,
               const char *tooltip)
{
  GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");

  gtk_widget_set_name (button, "remove");
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_set_valign (button, GTK_ALIGN_START);
  gtk_widget_add_css_class (button, "flat");
  g_signal_connect (button, "clicked", G_CALLBACK (on_remove), item);
  return button;
}

static GtkWidget *
item_card (const char *name)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  gtk_widget_set_name (card, name);
  gtk_widget_add_css_class (card, "card");
  gtk_widget_set_margin_start (card, 0);
  return card;
}

static GtkWidget *
error_label_new (void)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "error");
  gtk_widget_set_visible (label, FALSE);
  return label;
}

static void
set_number_text (GtkWidget *entry,
                 double     value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (value == floor (value) && fabs (value) < 1e15)
    g_ascii_formatd (buf, sizeof buf, "%.0f", value == 0 ? 0 : value);
  else
    g_ascii_dtostr (buf, sizeof buf, value);
  gtk_editable_set_text (GTK_EDITABLE (entry), buf);
}

/* A condition card; `obj` is one in core's canonical form, or NULL for a
 * new one (RSI(14) on 1h below 30). */
static GtkWidget *
condition_new (JsonObject *obj)
{
  GtkWidget *card = item_card ("condition");
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *flow = gtk_flow_box_new ();
  Condition *c = g_new0 (Condition, 1);
  const char *kinds[] = { _("a number"), _("an indicator") };
  const char *ops[G_N_ELEMENTS (operators)];
  JsonNode *value = obj ? json_object_get_member (obj, "value") : NULL;
  gboolean rhs = value != NULL && JSON_NODE_HOLDS_OBJECT (value);

  g_object_set_data_full (G_OBJECT (card), "condition", c, g_free);
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (flow), GTK_SELECTION_NONE);
  gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (flow), FALSE);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (flow), 12);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (flow), 6);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (flow), 16);
  gtk_widget_set_hexpand (flow, TRUE);
  gtk_widget_set_margin_top (line, 6);
  gtk_widget_set_margin_bottom (line, 6);
  gtk_widget_set_margin_start (line, 6);
  gtk_widget_set_margin_end (line, 6);

  make_indicator (&c->lhs, flow, FALSE, c);

  for (guint i = 0; i < G_N_ELEMENTS (operators); i++)
    ops[i] = _(operators[i].label);
  c->op = strings_dropdown (ops, G_N_ELEMENTS (ops), NULL);
  gtk_widget_set_name (c->op, "operator");
  gtk_widget_set_tooltip_text (c->op, _("Comparison"));
  /* Translators: "RSI … on 15m  is  below  a number  30" */
  add_piece (flow, C_("condition", "is"), c->op);

  c->value_kind = strings_dropdown (kinds, G_N_ELEMENTS (kinds), NULL);
  gtk_widget_set_name (c->value_kind, "value-kind");
  gtk_widget_set_tooltip_text (c->value_kind, _("Compare with a number or with another indicator"));
  g_signal_connect (c->value_kind, "notify::selected", G_CALLBACK (on_value_kind), c);
  add_piece (flow, NULL, c->value_kind);

  c->value = gtk_entry_new ();
  gtk_widget_set_name (c->value, "value");
  gtk_entry_set_input_purpose (GTK_ENTRY (c->value), GTK_INPUT_PURPOSE_NUMBER);
  gtk_editable_set_width_chars (GTK_EDITABLE (c->value), 8);
  gtk_editable_set_alignment (GTK_EDITABLE (c->value), 1.0f);
  gtk_widget_set_tooltip_text (c->value, _("The number to compare with"));
  g_signal_connect (c->value, "changed", G_CALLBACK (on_widget_changed), NULL);
  add_piece (flow, NULL, c->value);

  make_indicator (&c->rhs, flow, TRUE, c);

  gtk_box_append (GTK_BOX (line), flow);
  gtk_box_append (GTK_BOX (line), remove_button (card, _("Remove Condition")));
  gtk_box_append (GTK_BOX (card), line);
  c->error_label = error_label_new ();
  gtk_widget_set_margin_start (c->error_label, 12);
  gtk_widget_set_margin_end (c->error_label, 12);
  gtk_widget_set_margin_bottom (c->error_label, 6);
  gtk_box_append (GTK_BOX (card), c->error_label);

  if (obj == NULL)
    {
      gtk_drop_down_set_selected (GTK_DROP_DOWN (c->lhs.timeframe), DCA_TIMEFRAME_ONE_HOUR - 1);
      gtk_drop_down_set_selected (GTK_DROP_DOWN (c->op), operator_index ("less_than"));
      gtk_editable_set_text (GTK_EDITABLE (c->value), "30");
      update_condition (c, TRUE, TRUE);
      return card;
    }

  /* every key of core's canonical form, nothing left behind */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (c->lhs.type),
                              MAX (indicator_index (json_object_get_string_member_with_default (obj, "type", "")), 0));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (c->op),
                              MAX (operator_index (json_object_get_string_member_with_default (obj, "operator", "")), 0));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (c->lhs.timeframe),
                              MAX ((int) dca_timeframe_parse (json_object_get_string_member_with_default (obj, "timeframe", "")) - 1, 0));
  update_condition (c, TRUE, TRUE);
  for (guint p = 0; p < N_PARAMS; p++)
    if (json_object_has_member (obj, param_keys[p]))
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (c->lhs.params[p]), json_object_get_double_member (obj, param_keys[p]));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (c->value_kind), rhs ? 1 : 0);
  if (rhs)
    {
      JsonObject *v = json_node_get_object (value);
      const char *tf = json_object_get_string_member_with_default (v, "timeframe", NULL);

      gtk_drop_down_set_selected (GTK_DROP_DOWN (c->rhs.type),
                                  MAX (indicator_index (json_object_get_string_member_with_default (v, "type", "")), 0));
      gtk_drop_down_set_selected (GTK_DROP_DOWN (c->rhs.timeframe), tf ? (guint) dca_timeframe_parse (tf) : 0);
      update_condition (c, FALSE, TRUE);
      for (guint p = 0; p < N_PARAMS; p++)
        if (json_object_has_member (v, param_keys[p]))
          gtk_spin_button_set_value (GTK_SPIN_BUTTON (c->rhs.params[p]), json_object_get_double_member (v, param_keys[p]));
    }
  else if (value != NULL)
    set_number_text (c->value, json_node_get_double (value));
  update_condition (c, FALSE, FALSE);
  return card;
}

static void add_items (GtkWidget *items,
                       JsonArray *array);

static void
on_group_add_condition (GtkButton *button,
                        Group     *g)
{
  DcaConditionBuilder *self = builder_of (GTK_WIDGET (button));

  gtk_box_append (GTK_BOX (g->items), condition_new (NULL));
  if (self != NULL)
    emit_changed (self);
}

static GtkWidget *group_new (JsonObject *obj);

static void
on_group_add_group (GtkButton *button,
                    Group     *g)
{
  DcaConditionBuilder *self = builder_of (GTK_WIDGET (button));

  gtk_box_append (GTK_BOX (g->items), group_new (NULL));
  if (self != NULL)
    emit_changed (self);
}

static GtkWidget *
small_button (const char *label,
              const char *name)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *content = adw_button_content_new ();

  adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), "list-add-symbolic");
  adw_button_content_set_label (ADW_BUTTON_CONTENT (content), label);
  gtk_button_set_child (GTK_BUTTON (button), content);
  gtk_widget_set_name (button, name);
  gtk_widget_add_css_class (button, "flat");
  return button;
}

/* A group card; `obj` canonical, or NULL for a new group holding one new
 * condition (core refuses an empty group). */
static GtkWidget *
group_new (JsonObject *obj)
{
  GtkWidget *card = item_card ("group");
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *footer = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *title = gtk_label_new (_("Group"));
  GtkWidget *add_condition = small_button (_("Add Condition"), "add-condition");
  GtkWidget *add_group = small_button (_("Add Group"), "add-group");
  Group *g = g_new0 (Group, 1);

  g_object_set_data_full (G_OBJECT (card), "group", g, g_free);
  gtk_widget_set_margin_top (header, 6);
  gtk_widget_set_margin_start (header, 12);
  gtk_widget_set_margin_end (header, 6);
  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_set_hexpand (title, TRUE);
  g->logic = logic_dropdown ();
  gtk_widget_set_valign (g->logic, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (header), title);
  gtk_box_append (GTK_BOX (header), g->logic);
  gtk_box_append (GTK_BOX (header), remove_button (card, _("Remove Group")));
  gtk_box_append (GTK_BOX (card), header);

  g->error_label = error_label_new ();
  gtk_widget_set_margin_start (g->error_label, 12);
  gtk_box_append (GTK_BOX (card), g->error_label);

  g->items = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_margin_start (g->items, 12);
  gtk_widget_set_margin_end (g->items, 6);
  gtk_box_append (GTK_BOX (card), g->items);

  g_signal_connect (add_condition, "clicked", G_CALLBACK (on_group_add_condition), g);
  g_signal_connect (add_group, "clicked", G_CALLBACK (on_group_add_group), g);
  gtk_widget_set_margin_start (footer, 6);
  gtk_widget_set_margin_bottom (footer, 6);
  gtk_box_append (GTK_BOX (footer), add_condition);
  gtk_box_append (GTK_BOX (footer), add_group);
  gtk_box_append (GTK_BOX (card), footer);

  if (obj == NULL)
    gtk_box_append (GTK_BOX (g->items), condition_new (NULL));
  else
    {
      DcaLogic logic = DCA_LOGIC_AND;
      JsonNode *children = json_object_get_member (obj, "conditions");

      dca_logic_parse (json_object_get_string_member_with_default (obj, "logic", "and"), &logic);
      gtk_drop_down_set_selected (GTK_DROP_DOWN (g->logic), logic == DCA_LOGIC_OR ? 1 : 0);
      if (children != NULL && JSON_NODE_HOLDS_ARRAY (children))
        add_items (g->items, json_node_get_array (children));
    }
  return card;
}

static void
add_items (GtkWidget *items,
           JsonArray *array)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *obj = json_array_get_object_element (array, i);

      if (obj == NULL)
        continue;
      gtk_box_append (GTK_BOX (items), json_object_has_member (obj, "conditions")
                                         ? group_new (obj) : condition_new (obj));
    }
}

/* A group left empty goes too: core refuses empty groups, and an empty
 * group means nothing anyone would choose. */
static void
remove_item (GtkWidget *item)
{
  DcaConditionBuilder *self = builder_of (item);
  GtkWidget *items = gtk_widget_get_parent (item);

  while (items != NULL)
    {
      GtkWidget *group;

      gtk_box_remove (GTK_BOX (items), item);
      if (gtk_widget_get_first_child (items) != NULL)
        break;
      group = gtk_widget_get_parent (items);
      if (group == NULL || g_object_get_data (G_OBJECT (group), "group") == NULL)
        break;
      item = group;
      items = gtk_widget_get_parent (group);
    }
  if (self != NULL)
    {
      update_empty (self);
      emit_changed (self);
    }
}

/* ---- JSON out --------------------------------------------------------------- */

static void
add_number (JsonBuilder *b,
            double       v)
{
  if (v == floor (v) && fabs (v) < 9007199254740992.0)
    json_builder_add_int_value (b, (gint64) v);
  else
    json_builder_add_double_value (b, v);
}

static void
build_params (JsonBuilder            *b,
              const IndicatorWidgets *w)
{
  guint t = gtk_drop_down_get_selected (GTK_DROP_DOWN (w->type));

  for (guint p = 0; p < N_PARAMS; p++)
    if (t < G_N_ELEMENTS (indicators) && info[t].takes[p])
      {
        GtkSpinButton *spin = GTK_SPIN_BUTTON (w->params[p]);

        json_builder_set_member_name (b, param_keys[p]);
        if (p == PARAM_STD_DEV)
          add_number (b, gtk_spin_button_get_value (spin));
        else
          json_builder_add_int_value (b, gtk_spin_button_get_value_as_int (spin));
      }
}

static const char *
selected_name (GtkWidget *dropdown,
               gboolean   is_operator)
{
  guint i = gtk_drop_down_get_selected (GTK_DROP_DOWN (dropdown));

  if (is_operator)
    return operators[MIN (i, G_N_ELEMENTS (operators) - 1)].name;
  return indicators[MIN (i, G_N_ELEMENTS (indicators) - 1)].name;
}

static void
build_value (JsonBuilder *b,
             GtkWidget   *entry)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
  char *end = NULL;
  double v;

  /* a decimal comma, as many people type it */
  g_strdelimit (text, ",", '.');
  v = g_ascii_strtod (text, &end);
  if (*text != '\0' && end != NULL && *end == '\0' && isfinite (v))
    add_number (b, v);
  else
    json_builder_add_string_value (b, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
build_items (JsonBuilder *b,
             GtkWidget   *items)
{
  for (GtkWidget *item = gtk_widget_get_first_child (items); item; item = gtk_widget_get_next_sibling (item))
    {
      Condition *c = g_object_get_data (G_OBJECT (item), "condition");
      Group *g = g_object_get_data (G_OBJECT (item), "group");

      json_builder_begin_object (b);
      if (g != NULL)
        {
          json_builder_set_member_name (b, "logic");
          json_builder_add_string_value (b, gtk_drop_down_get_selected (GTK_DROP_DOWN (g->logic)) == 1 ? "or" : "and");
          json_builder_set_member_name (b, "conditions");
          json_builder_begin_array (b);
          build_items (b, g->items);
          json_builder_end_array (b);
        }
      else if (c != NULL)
        {
          guint tf = gtk_drop_down_get_selected (GTK_DROP_DOWN (c->lhs.timeframe));

          json_builder_set_member_name (b, "type");
          json_builder_add_string_value (b, selected_name (c->lhs.type, FALSE));
          json_builder_set_member_name (b, "operator");
          json_builder_add_string_value (b, selected_name (c->op, TRUE));
          json_builder_set_member_name (b, "value");
          if (gtk_drop_down_get_selected (GTK_DROP_DOWN (c->value_kind)) == 1)
            {
              guint rtf = gtk_drop_down_get_selected (GTK_DROP_DOWN (c->rhs.timeframe));

              json_builder_begin_object (b);
              json_builder_set_member_name (b, "type");
              json_builder_add_string_value (b, selected_name (c->rhs.type, FALSE));
              /* 0: the condition's own timeframe, which core leaves unwritten */
              if (rtf > 0 && rtf <= N_TIMEFRAMES)
                {
                  json_builder_set_member_name (b, "timeframe");
                  json_builder_add_string_value (b, dca_timeframe_to_string ((DcaTimeframe) rtf));
                }
              build_params (b, &c->rhs);
              json_builder_end_object (b);
            }
          else
            build_value (b, c->value);
          json_builder_set_member_name (b, "timeframe");
          json_builder_add_string_value (b, dca_timeframe_to_string ((DcaTimeframe) (MIN (tf, N_TIMEFRAMES - 1) + 1)));
          build_params (b, &c->lhs);
        }
      json_builder_end_object (b);
    }
}

JsonNode *
dca_condition_builder_get_conditions (DcaConditionBuilder *self)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  g_return_val_if_fail (DCA_IS_CONDITION_BUILDER (self), NULL);

  json_builder_begin_array (b);
  build_items (b, GTK_WIDGET (self->items_box));
  json_builder_end_array (b);
  return json_builder_get_root (b);
}

/* ---- JSON in ---------------------------------------------------------------- */

static void
clear_items (GtkWidget *items)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (items)) != NULL)
    gtk_box_remove (GTK_BOX (items), child);
}

gboolean
dca_condition_builder_set_conditions (DcaConditionBuilder  *self,
                                      JsonNode             *conditions,
                                      const char           *logic,
                                      GError              **error)
{
  g_autoptr(DcaConditionList) list = NULL;
  g_autoptr(JsonNode) canonical = NULL;
  DcaLogic l = DCA_LOGIC_AND;

  g_return_val_if_fail (DCA_IS_CONDITION_BUILDER (self), FALSE);

  if (logic != NULL && !dca_logic_parse (logic, &l))
    {
      g_set_error (error, DCA_CONDITION_ERROR, DCA_CONDITION_ERROR_INVALID,
                   "logic: must be “and” or “or” (got “%s”)", logic);
      return FALSE;
    }
  list = dca_condition_list_parse (conditions, l, "conditions", error);
  if (list == NULL)
    return FALSE;
  canonical = dca_condition_list_to_json (list);

  self->loading++;
  clear_items (GTK_WIDGET (self->items_box));
  add_items (GTK_WIDGET (self->items_box), json_node_get_array (canonical));
  gtk_drop_down_set_selected (self->logic_dropdown, l == DCA_LOGIC_OR ? 1 : 0);
  update_empty (self);
  self->loading--;
  dca_condition_builder_clear_errors (self);
  emit_changed (self);
  return TRUE;
}

/* ---- errors ------------------------------------------------------------------ */

static void
clear_errors (GtkWidget *items)
{
  for (GtkWidget *item = gtk_widget_get_first_child (items); item; item = gtk_widget_get_next_sibling (item))
    {
      Condition *c = g_object_get_data (G_OBJECT (item), "condition");
      Group *g = g_object_get_data (G_OBJECT (item), "group");

      gtk_widget_remove_css_class (item, "error");
      if (c != NULL)
        gtk_widget_set_visible (c->error_label, FALSE);
      if (g != NULL)
        {
          gtk_widget_set_visible (g->error_label, FALSE);
          clear_errors (g->items);
        }
    }
}

void
dca_condition_builder_clear_errors (DcaConditionBuilder *self)
{
  g_return_if_fail (DCA_IS_CONDITION_BUILDER (self));

  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  clear_errors (GTK_WIDGET (self->items_box));
}

static GtkWidget *
nth_child (GtkWidget *parent,
           guint64    n)
{
  GtkWidget *child = gtk_widget_get_first_child (parent);

  while (child != NULL && n-- > 0)
    child = gtk_widget_get_next_sibling (child);
  return child;
}

char *
dca_condition_builder_mark_error (DcaConditionBuilder *self,
                                  const char          *path,
                                  const char          *message)
{
  GtkWidget *items = GTK_WIDGET (self->items_box);
  GtkWidget *item = NULL;
  GString *where = g_string_new (NULL);
  const char *p = path ? path : "";
  g_autofree char *text = NULL;

  g_return_val_if_fail (DCA_IS_CONDITION_BUILDER (self), NULL);

  while (*p == '[')
    {
      char *end = NULL;
      guint64 n = g_ascii_strtoull (p + 1, &end, 10);
      GtkWidget *child;

      if (end == p + 1 || *end != ']' || (child = nth_child (items, n)) == NULL)
        break;
      item = child;
      p = end + 1;
      if (where->len > 0)
        g_string_append (where, ", ");
      if (g_object_get_data (G_OBJECT (item), "group") != NULL)
        /* Translators: where an error is: "group 2, condition 1" */
        g_string_append_printf (where, _("group %u"), (guint) n + 1);
      else
        g_string_append_printf (where, _("condition %u"), (guint) n + 1);
      if (g_object_get_data (G_OBJECT (item), "group") != NULL && g_str_has_prefix (p, ".conditions["))
        {
          items = ((Group *) g_object_get_data (G_OBJECT (item), "group"))->items;
          p += strlen (".conditions");
          continue;
        }
      break;
    }

  /* the key below the item, as core names it: "slow_period: must be ..." */
  if (*p == '.')
    p++;
  text = *p ? g_strdup_printf ("%s: %s", p, message) : g_strdup (message);
  if (item == NULL)
    {
      gtk_label_set_label (self->error_label, text);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      g_string_free (where, TRUE);
      return NULL;
    }
  gtk_widget_add_css_class (item, "error");
  {
    Condition *c = g_object_get_data (G_OBJECT (item), "condition");
    Group *g = g_object_get_data (G_OBJECT (item), "group");
    GtkWidget *label = c ? c->error_label : g->error_label;

    gtk_label_set_label (GTK_LABEL (label), text);
    gtk_widget_set_visible (label, TRUE);
  }
  return g_string_free (where, FALSE);
}

/* ---- properties and actions ------------------------------------------------ */

const char *
dca_condition_builder_get_logic (DcaConditionBuilder *self)
{
  g_return_val_if_fail (DCA_IS_CONDITION_BUILDER (self), NULL);
  return gtk_drop_down_get_selected (self->logic_dropdown) == 1 ? "or" : "and";
}

void
dca_condition_builder_set_logic (DcaConditionBuilder *self,
                                 const char          *logic)
{
  g_return_if_fail (DCA_IS_CONDITION_BUILDER (self));
  gtk_drop_down_set_selected (self->logic_dropdown, g_strcmp0 (logic, "or") == 0 ? 1 : 0);
}

const char *
dca_condition_builder_get_title (DcaConditionBuilder *self)
{
  g_return_val_if_fail (DCA_IS_CONDITION_BUILDER (self), NULL);
  return gtk_label_get_label (self->title_label);
}

void
dca_condition_builder_set_title (DcaConditionBuilder *self,
                                 const char          *title)
{
  g_return_if_fail (DCA_IS_CONDITION_BUILDER (self));
  if (g_strcmp0 (title, gtk_label_get_label (self->title_label)) == 0)
    return;
  gtk_label_set_label (self->title_label, title ? title : "");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

void
dca_condition_builder_set_empty_text (DcaConditionBuilder *self,
                                      const char          *text)
{
  g_return_if_fail (DCA_IS_CONDITION_BUILDER (self));
  if (g_strcmp0 (text, gtk_label_get_label (self->empty_label)) == 0)
    return;
  gtk_label_set_label (self->empty_label, text ? text : "");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EMPTY_TEXT]);
}

static void
add_condition_action (GtkWidget  *widget,
                      const char *action,
                      GVariant   *param)
{
  DcaConditionBuilder *self = DCA_CONDITION_BUILDER (widget);

  gtk_box_append (self->items_box, g_str_equal (action, "conditions.add-group") ? group_new (NULL)
                                                                                : condition_new (NULL));
  update_empty (self);
  emit_changed (self);
}

static void
on_logic_changed (DcaConditionBuilder *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOGIC]);
  emit_changed (self);
}

GtkWidget *
dca_condition_builder_new (void)
{
  return g_object_new (DCA_TYPE_CONDITION_BUILDER, NULL);
}

static void
dca_condition_builder_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  DcaConditionBuilder *self = DCA_CONDITION_BUILDER (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, gtk_label_get_label (self->title_label));
      break;
    case PROP_EMPTY_TEXT:
      g_value_set_string (value, gtk_label_get_label (self->empty_label));
      break;
    case PROP_LOGIC:
      g_value_set_string (value, dca_condition_builder_get_logic (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dca_condition_builder_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  DcaConditionBuilder *self = DCA_CONDITION_BUILDER (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      dca_condition_builder_set_title (self, g_value_get_string (value));
      break;
    case PROP_EMPTY_TEXT:
      dca_condition_builder_set_empty_text (self, g_value_get_string (value));
      break;
    case PROP_LOGIC:
      dca_condition_builder_set_logic (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dca_condition_builder_class_init (DcaConditionBuilderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = dca_condition_builder_get_property;
  object_class->set_property = dca_condition_builder_set_property;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_EMPTY_TEXT] =
    g_param_spec_string ("empty-text", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_LOGIC] =
    g_param_spec_string ("logic", NULL, NULL, "and",
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Any edit: a condition added, removed, or a value changed. */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/dcadesk/DcaDesk/dca-condition-builder.ui");
  gtk_widget_class_bind_template_child (widget_class, DcaConditionBuilder, title_label);
  gtk_widget_class_bind_template_child (widget_class, DcaConditionBuilder, logic_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DcaConditionBuilder, empty_label);
  gtk_widget_class_bind_template_child (widget_class, DcaConditionBuilder, error_label);
  gtk_widget_class_bind_template_child (widget_class, DcaConditionBuilder, items_box);
  gtk_widget_class_install_action (widget_class, "conditions.add-condition", NULL, add_condition_action);
  gtk_widget_class_install_action (widget_class, "conditions.add-group", NULL, add_condition_action);

  learn_indicators ();
}

static void
dca_condition_builder_init (DcaConditionBuilder *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_swapped (self->logic_dropdown, "notify::selected", G_CALLBACK (on_logic_changed), self);
  update_empty (self);
}
