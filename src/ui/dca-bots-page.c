/* dca-bots-page.c: the Bots page
 *
 * With no bot yet, a welcome offers the three built-in templates: one click
 * makes a running bot on the bundled replay market, so a new user watches a
 * bot trade without an account.  Then the list: each bot with its strategy,
 * pairs, deals, and a switch to start or stop it.
 */
#define G_LOG_DOMAIN "dca-bots-page"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "dca-bot-editor.h"
#include "dca-bot-item.h"
#include "dca-bot-row.h"
#include "dca-bots-page.h"

struct _DcaBotsPage
{
  GtkWidget    parent_instance;

  DcaContext  *context;
  GListStore  *bots;

  GtkStack    *stack;
  GtkListView *list_view;
};

G_DEFINE_FINAL_TYPE (DcaBotsPage, dca_bots_page, GTK_TYPE_WIDGET)

static void
toast (DcaBotsPage *self,
       const char  *message)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (message));
  else
    g_warning ("%s", message);
}

void
dca_bots_page_reload (DcaBotsPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  DcaStore *store;

  if (self->context == NULL)
    return;
  store = dca_context_get_store (self->context);
  records = dca_store_list_bots (store, &error);
  if (records == NULL)
    {
      toast (self, error->message);
      return;
    }
  for (guint i = 0; i < records->len; i++)
    {
      DcaBotRecord *r = g_ptr_array_index (records, i);
      DcaDealFilter all = { 0 };
      gint64 open = dca_store_count_open_deals (store, r->id, NULL);
      gint64 total;

      all.bot_id = r->id;
      total = dca_store_count_deals (store, &all, NULL);
      g_ptr_array_add (items, dca_bot_item_new (r, (guint) MAX (open, 0), (guint) MAX (total, 0)));
    }
  g_list_store_splice (self->bots, 0, g_list_model_get_n_items (G_LIST_MODEL (self->bots)), items->pdata,
                       items->len);
  gtk_stack_set_visible_child_name (self->stack, items->len > 0 ? "list" : "welcome");
}

GListModel *
dca_bots_page_get_model (DcaBotsPage *self)
{
  return G_LIST_MODEL (self->bots);
}

void
dca_bots_page_set_context (DcaBotsPage *self,
                           DcaContext  *context)
{
  g_return_if_fail (DCA_IS_BOTS_PAGE (self));

  if (self->context == context)
    return;
  if (self->context != NULL)
    g_signal_handlers_disconnect_by_data (self->context, self);
  g_set_object (&self->context, context);
  if (context != NULL)
    g_signal_connect_object (context, "bots-changed", G_CALLBACK (dca_bots_page_reload), self,
                             G_CONNECT_SWAPPED);
  dca_bots_page_reload (self);
}

static void
create_from_template (GtkWidget  *widget,
                      const char *action,
                      GVariant   *param)
{
  DcaBotsPage *self = DCA_BOTS_PAGE (widget);
  g_autoptr(GError) error = NULL;
  const char *name = g_variant_get_string (param, NULL);

  if (self->context == NULL)
    return;
  if (dca_context_create_bot_from_template (self->context, name, &error) <= 0)
    {
      toast (self, error->message);
      return;
    }
  toast (self, _("Your bot is running on the replay market"));
}

static void
set_running (GtkWidget  *widget,
             const char *action,
             GVariant   *param)
{
  DcaBotsPage *self = DCA_BOTS_PAGE (widget);
  g_autoptr(GError) error = NULL;
  gint64 id;
  gboolean running;

  g_variant_get (param, "(xb)", &id, &running);
  if (self->context != NULL && !dca_context_set_bot_running (self->context, id, running, &error))
    {
      toast (self, error->message);
      dca_bots_page_reload (self);
    }
}

static void
edit_bot (GtkWidget  *widget,
          const char *action,
          GVariant   *param)
{
  DcaBotsPage *self = DCA_BOTS_PAGE (widget);
  g_autoptr(GError) error = NULL;
  DcaBotEditor *editor;

  if (self->context == NULL)
    return;
  editor = dca_bot_editor_new (GTK_WINDOW (gtk_widget_get_root (widget)), self->context,
                               param ? g_variant_get_int64 (param) : 0, &error);
  if (editor == NULL)
    {
      toast (self, error->message);
      return;
    }
  gtk_window_present (GTK_WINDOW (editor));
}

static void
new_bot (GtkWidget  *widget,
         const char *action,
         GVariant   *param)
{
  edit_bot (widget, action, NULL);
}

static void
clone_bot (GtkWidget  *widget,
           const char *action,
           GVariant   *param)
{
  DcaBotsPage *self = DCA_BOTS_PAGE (widget);
  g_autoptr(GError) error = NULL;

  if (self->context != NULL && dca_context_clone_bot (self->context, g_variant_get_int64 (param), &error) <= 0)
    toast (self, error->message);
  else
    toast (self, _("Cloned: the copy is stopped until you start it"));
}

typedef struct
{
  DcaBotsPage *page;
  gint64       bot_id;
} DeleteRequest;

static void
on_delete_response (AdwMessageDialog *dialog,
                    const char       *response,
                    DeleteRequest    *req)
{
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "delete") == 0 && req->page->context != NULL &&
      !dca_context_delete_bot (req->page->context, req->bot_id, &error))
    toast (req->page, error->message);
  g_object_unref (req->page);
  g_free (req);
}

/* asks first; the store refuses a bot with open deals, saying why */
static void
delete_bot (GtkWidget  *widget,
            const char *action,
            GVariant   *param)
{
  DcaBotsPage *self = DCA_BOTS_PAGE (widget);
  gint64 id = g_variant_get_int64 (param);
  g_autoptr(DcaBotRecord) bot = NULL;
  g_autoptr(GError) error = NULL;
  DeleteRequest *req;
  GtkWidget *dialog;

  if (self->context == NULL)
    return;
  bot = dca_store_get_bot (dca_context_get_store (self->context), id, &error);
  if (bot == NULL)
    {
      toast (self, error->message);
      return;
    }
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), _("Delete the Bot?"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("“%s” will be gone from the list. Its closed deals stay in History."),
                                  bot->name);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  req = g_new0 (DeleteRequest, 1);
  req->page = g_object_ref (self);
  req->bot_id = id;
  g_signal_connect (dialog, "response", G_CALLBACK (on_delete_response), req);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  data)
{
  gtk_list_item_set_child (item, dca_bot_row_new ());
  gtk_list_item_set_activatable (item, FALSE);
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          gpointer                  data)
{
  dca_bot_row_set_item (DCA_BOT_ROW (gtk_list_item_get_child (item)), gtk_list_item_get_item (item));
}

static void
dca_bots_page_dispose (GObject *object)
{
  DcaBotsPage *self = DCA_BOTS_PAGE (object);

  /* no context signal may reach a widget that is going */
  if (self->context != NULL)
    g_signal_handlers_disconnect_by_data (self->context, self);
  g_clear_object (&self->context);
  g_clear_object (&self->bots);
  gtk_widget_dispose_template (GTK_WIDGET (self), DCA_TYPE_BOTS_PAGE);
  G_OBJECT_CLASS (dca_bots_page_parent_class)->dispose (object);
}

static void
dca_bots_page_class_init (DcaBotsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dca_bots_page_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/dcadesk/DcaDesk/dca-bots-page.ui");
  gtk_widget_class_bind_template_child (widget_class, DcaBotsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, DcaBotsPage, list_view);
  gtk_widget_class_install_action (widget_class, "bots.create-from-template", "s", create_from_template);
  gtk_widget_class_install_action (widget_class, "bots.set-running", "(xb)", set_running);
  gtk_widget_class_install_action (widget_class, "bots.clone", "x", clone_bot);
  gtk_widget_class_install_action (widget_class, "bots.edit", "x", edit_bot);
  gtk_widget_class_install_action (widget_class, "bots.new", NULL, new_bot);
  gtk_widget_class_install_action (widget_class, "bots.delete", "x", delete_bot);
}

static void
dca_bots_page_init (DcaBotsPage *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  self->bots = g_list_store_new (DCA_TYPE_BOT_ITEM);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->list_view,
                           GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->bots)))));
  g_object_unref (gtk_list_view_get_model (self->list_view));
}
