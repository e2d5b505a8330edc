/* dca-bot-row.c: a bot in the Bots list */
#define G_LOG_DOMAIN "dca-bot-row"

#include "config.h"

#include <glib/gi18n.h>

#include "dca-bot-row.h"

struct _DcaBotRow
{
  GtkWidget   parent_instance;

  DcaBotItem *item;
  gboolean    updating;

  GtkWidget  *box;
  GtkLabel   *name_label;
  GtkLabel   *detail_label;
  GtkLabel   *deals_label;
  GtkSwitch  *running_switch;
  GtkMenuButton *menu_button;
};

G_DEFINE_FINAL_TYPE (DcaBotRow, dca_bot_row, GTK_TYPE_WIDGET)

GtkWidget *
dca_bot_row_new (void)
{
  return g_object_new (DCA_TYPE_BOT_ROW, NULL);
}

DcaBotItem *
dca_bot_row_get_item (DcaBotRow *self)
{
  return self->item;
}

void
dca_bot_row_set_item (DcaBotRow  *self,
                      DcaBotItem *item)
{
  g_autofree char *detail = NULL;
  g_autofree char *deals = NULL;

  g_set_object (&self->item, item);
  if (item == NULL)
    return;
  detail = g_strdup_printf ("%s · %s", dca_bot_item_get_strategy (item), dca_bot_item_get_pairs (item));
  {
    guint total = dca_bot_item_get_total_deals (item);
    /* Translators: how many deals a bot made, e.g. "14 deals" */
    g_autofree char *all = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u deal", "%u deals", total), total);

    /* Translators: open deals, then all deals, e.g. "2 open · 14 deals" */
    deals = g_strdup_printf (_("%u open · %s"), dca_bot_item_get_open_deals (item), all);
  }
  gtk_label_set_label (self->name_label, dca_bot_item_get_name (item));
  gtk_label_set_label (self->detail_label, detail);
  gtk_label_set_label (self->deals_label, deals);
  {
    /* the menu acts on this bot: clone, delete */
    g_autoptr(GMenu) menu = g_menu_new ();
    g_autoptr(GMenuItem) edit = g_menu_item_new (_("_Edit…"), NULL);
    g_autoptr(GMenuItem) clone = g_menu_item_new (_("_Clone"), NULL);
    g_autoptr(GMenuItem) delete = g_menu_item_new (_("_Delete…"), NULL);

    g_menu_item_set_action_and_target (edit, "bots.edit", "x", dca_bot_item_get_id (item));
    g_menu_item_set_action_and_target (clone, "bots.clone", "x", dca_bot_item_get_id (item));
    g_menu_item_set_action_and_target (delete, "bots.delete", "x", dca_bot_item_get_id (item));
    g_menu_append_item (menu, edit);
    g_menu_append_item (menu, clone);
    g_menu_append_item (menu, delete);
    gtk_menu_button_set_menu_model (self->menu_button, G_MENU_MODEL (menu));
  }
  self->updating = TRUE;
  gtk_switch_set_active (self->running_switch, dca_bot_item_get_running (item));
  self->updating = FALSE;
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->running_switch),
                               dca_bot_item_get_running (item) ? _("Running: click to stop")
                                                               : _("Stopped: click to start"));
}

/* the switch asks the page to start or stop the bot */
static gboolean
on_state_set (DcaBotRow *self,
              gboolean   state)
{
  if (self->updating || self->item == NULL)
    return FALSE;
  gtk_widget_activate_action (GTK_WIDGET (self), "bots.set-running", "(xb)",
                              dca_bot_item_get_id (self->item), state);
  return FALSE;
}

static void
dca_bot_row_dispose (GObject *object)
{
  DcaBotRow *self = DCA_BOT_ROW (object);

  g_clear_object (&self->item);
  gtk_widget_dispose_template (GTK_WIDGET (self), DCA_TYPE_BOT_ROW);
  G_OBJECT_CLASS (dca_bot_row_parent_class)->dispose (object);
}

static void
dca_bot_row_class_init (DcaBotRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dca_bot_row_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/dcadesk/DcaDesk/dca-bot-row.ui");
  gtk_widget_class_bind_template_child (widget_class, DcaBotRow, box);
  gtk_widget_class_bind_template_child (widget_class, DcaBotRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, DcaBotRow, detail_label);
  gtk_widget_class_bind_template_child (widget_class, DcaBotRow, deals_label);
  gtk_widget_class_bind_template_child (widget_class, DcaBotRow, running_switch);
  gtk_widget_class_bind_template_child (widget_class, DcaBotRow, menu_button);
  gtk_widget_class_bind_template_callback (widget_class, on_state_set);
}

static void
dca_bot_row_init (DcaBotRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
