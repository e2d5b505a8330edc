/* dca-bot-item.c: one bot as the lists show it */
#define G_LOG_DOMAIN "dca-bot-item"

#include "config.h"

#include "dca-bot-item.h"
#include "dca-strategy.h"

struct _DcaBotItem
{
  GObject   parent_instance;

  gint64    id;
  char     *name;
  char     *strategy;
  char     *pairs;
  gboolean  running;
  guint     open_deals;
  guint     total_deals;
};

G_DEFINE_FINAL_TYPE (DcaBotItem, dca_bot_item, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_NAME,
  PROP_STRATEGY,
  PROP_PAIRS,
  PROP_RUNNING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

DcaBotItem *
dca_bot_item_new (const DcaBotRecord *record,
                  guint               open_deals,
                  guint               total_deals)
{
  DcaBotItem *self = g_object_new (DCA_TYPE_BOT_ITEM, NULL);
  DcaStrategyType type;

  self->id = record->id;
  self->name = g_strdup (record->name);
  self->strategy = g_strdup (dca_strategy_type_parse (record->strategy_type, &type)
                               ? dca_strategy_type_label (type) : record->strategy_type);
  self->pairs = g_strjoinv (", ", record->product_ids);
  self->running = record->running;
  self->open_deals = open_deals;
  self->total_deals = total_deals;
  return self;
}

gint64 dca_bot_item_get_id (DcaBotItem *self) { return self->id; }
const char *dca_bot_item_get_name (DcaBotItem *self) { return self->name; }
const char *dca_bot_item_get_strategy (DcaBotItem *self) { return self->strategy; }
const char *dca_bot_item_get_pairs (DcaBotItem *self) { return self->pairs; }
gboolean dca_bot_item_get_running (DcaBotItem *self) { return self->running; }
guint dca_bot_item_get_open_deals (DcaBotItem *self) { return self->open_deals; }
guint dca_bot_item_get_total_deals (DcaBotItem *self) { return self->total_deals; }

static void
dca_bot_item_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  DcaBotItem *self = DCA_BOT_ITEM (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_STRATEGY:
      g_value_set_string (value, self->strategy);
      break;
    case PROP_PAIRS:
      g_value_set_string (value, self->pairs);
      break;
    case PROP_RUNNING:
      g_value_set_boolean (value, self->running);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dca_bot_item_finalize (GObject *object)
{
  DcaBotItem *self = DCA_BOT_ITEM (object);

  g_free (self->name);
  g_free (self->strategy);
  g_free (self->pairs);
  G_OBJECT_CLASS (dca_bot_item_parent_class)->finalize (object);
}

static void
dca_bot_item_class_init (DcaBotItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = dca_bot_item_get_property;
  object_class->finalize = dca_bot_item_finalize;
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_STRATEGY] = g_param_spec_string ("strategy", NULL, NULL, NULL,
                                                   G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PAIRS] = g_param_spec_string ("pairs", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_RUNNING] = g_param_spec_boolean ("running", NULL, NULL, FALSE,
                                                   G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dca_bot_item_init (DcaBotItem *self)
{
}
