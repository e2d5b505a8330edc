/* dca-notification-list-model.c: notifications from the store, a page at a time */
#define G_LOG_DOMAIN "dca-notification-list-model"

#include "config.h"

#include "dca-notification-list-model.h"

#define PAGE_SIZE 100

/* ---- the item ---------------------------------------------------------------- */

struct _DcaNotificationObject
{
  GObject          parent_instance;
  DcaNotification *notification;
};

G_DEFINE_FINAL_TYPE (DcaNotificationObject, dca_notification_object, G_TYPE_OBJECT)

static void
dca_notification_object_finalize (GObject *object)
{
  dca_notification_free (DCA_NOTIFICATION_OBJECT (object)->notification);
  G_OBJECT_CLASS (dca_notification_object_parent_class)->finalize (object);
}

static void
dca_notification_object_class_init (DcaNotificationObjectClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = dca_notification_object_finalize;
}

static void
dca_notification_object_init (DcaNotificationObject *self)
{
}

const DcaNotification *
dca_notification_object_get (DcaNotificationObject *self)
{
  g_return_val_if_fail (DCA_IS_NOTIFICATION_OBJECT (self), NULL);
  return self->notification;
}

/* ---- the list ------------------------------------------------------------------ */

struct _DcaNotificationListModel
{
  GObject     parent_instance;

  DcaStore   *store;
  guint       n_items;
  guint       n_unread;
  GHashTable *pages; /* page number -> GPtrArray of DcaNotificationObject */
};

static void dca_notification_list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (DcaNotificationListModel, dca_notification_list_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, dca_notification_list_model_iface_init))

static GType
get_item_type (GListModel *model)
{
  return DCA_TYPE_NOTIFICATION_OBJECT;
}

static guint
get_n_items (GListModel *model)
{
  return DCA_NOTIFICATION_LIST_MODEL (model)->n_items;
}

static GPtrArray *
load_page (DcaNotificationListModel *self,
           guint                     page)
{
  GPtrArray *items = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (page));
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;

  if (items != NULL)
    return items;
  items = g_ptr_array_new_with_free_func (g_object_unref);
  rows = dca_notifications_list (self->store, FALSE, page * PAGE_SIZE, PAGE_SIZE, &error);
  if (rows == NULL)
    g_warning ("notifications: %s", error->message);
  for (guint i = 0; rows != NULL && i < rows->len; i++)
    {
      DcaNotificationObject *item = g_object_new (DCA_TYPE_NOTIFICATION_OBJECT, NULL);

      item->notification = g_steal_pointer (&rows->pdata[i]);
      g_ptr_array_add (items, item);
    }
  g_hash_table_insert (self->pages, GUINT_TO_POINTER (page), items);
  return items;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  DcaNotificationListModel *self = DCA_NOTIFICATION_LIST_MODEL (model);
  GPtrArray *items;

  if (position >= self->n_items)
    return NULL;
  items = load_page (self, position / PAGE_SIZE);
  /* the store lost rows since the count (another program deleted them) */
  if (position % PAGE_SIZE >= items->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (items, position % PAGE_SIZE));
}

static void
dca_notification_list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

void
dca_notification_list_model_reload (DcaNotificationListModel *self)
{
  guint old = self->n_items;
  gint64 n, unread;

  g_return_if_fail (DCA_IS_NOTIFICATION_LIST_MODEL (self));

  g_hash_table_remove_all (self->pages);
  n = dca_notifications_count (self->store, FALSE, NULL);
  unread = dca_notifications_count (self->store, TRUE, NULL);
  self->n_items = (guint) CLAMP (n, 0, G_MAXUINT);
  self->n_unread = (guint) CLAMP (unread, 0, G_MAXUINT);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, old, self->n_items);
}

guint
dca_notification_list_model_get_n_unread (DcaNotificationListModel *self)
{
  g_return_val_if_fail (DCA_IS_NOTIFICATION_LIST_MODEL (self), 0);
  return self->n_unread;
}

DcaNotificationListModel *
dca_notification_list_model_new (DcaStore *store)
{
  DcaNotificationListModel *self = g_object_new (DCA_TYPE_NOTIFICATION_LIST_MODEL, NULL);

  self->store = g_object_ref (store);
  dca_notification_list_model_reload (self);
  return self;
}

static void
dca_notification_list_model_finalize (GObject *object)
{
  DcaNotificationListModel *self = DCA_NOTIFICATION_LIST_MODEL (object);

  g_hash_table_unref (self->pages);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (dca_notification_list_model_parent_class)->finalize (object);
}

static void
dca_notification_list_model_class_init (DcaNotificationListModelClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = dca_notification_list_model_finalize;
}

static void
dca_notification_list_model_init (DcaNotificationListModel *self)
{
  self->pages = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL,
                                       (GDestroyNotify) g_ptr_array_unref);
}
