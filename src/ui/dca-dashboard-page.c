/* dca-dashboard-page.c: profit, win rate, active deals, bots, latest deals
 *
 * The figures (dca_dashboard_compute) read every closed deal, so they are
 * computed in a worker thread on its own store connection; the page shows
 * the result when it comes, and asks again after deal events.
 */
#define G_LOG_DOMAIN "dca-dashboard-page"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "dca-dashboard.h"
#include "dca-dashboard-page.h"

struct _DcaDashboardPage
{
  GtkWidget     parent_instance;

  DcaContext   *context;
  GCancellable *cancellable;
  guint         refresh_source;

  GtkLabel     *profit_label;
  GtkLabel     *win_rate_label;
  GtkLabel     *active_label;
  GtkLabel     *bots_label;
  GtkListBox   *latest_list;
};

G_DEFINE_FINAL_TYPE (DcaDashboardPage, dca_dashboard_page, GTK_TYPE_WIDGET)

static void
compute (GTask        *task,
         gpointer      source,
         gpointer      data,
         GCancellable *cancellable)
{
  const char *path = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(DcaStore) store = dca_store_open (path, &error);
  DcaDashboard *d = store ? dca_dashboard_compute (store, &error) : NULL;

  if (d == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, d, (GDestroyNotify) dca_dashboard_free);
}

static void
show (DcaDashboardPage *self,
      DcaDashboard     *d)
{
  g_autoptr(GString) profit = g_string_new (NULL);
  g_autofree char *bots = NULL;
  g_autofree char *active = g_strdup_printf ("%u", d->active);
  double rate;
  GtkWidget *child;

  for (guint i = 0; i < d->profits->len; i++)
    {
      DcaDashboardProfit *p = g_ptr_array_index (d->profits, i);
      g_autofree char *amount = dca_decimal_to_string_places (p->profit, 8);

      g_string_append_printf (profit, "%s%s %s", i ? "\n" : "", amount, p->currency);
    }
  gtk_label_set_label (self->profit_label, profit->len ? profit->str : "0");
  if (dca_dashboard_win_rate (d, &rate))
    {
      g_autofree char *text = g_strdup_printf ("%.1f %%", rate);

      gtk_label_set_label (self->win_rate_label, text);
    }
  else
    gtk_label_set_label (self->win_rate_label, "—");
  gtk_label_set_label (self->active_label, active);
  /* Translators: bots running and stopped */
  bots = g_strdup_printf (_("%u running · %u stopped"), d->bots_running, d->bots_stopped);
  gtk_label_set_label (self->bots_label, bots);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->latest_list))) != NULL)
    gtk_list_box_remove (self->latest_list, child);
  for (guint i = 0; i < d->latest->len; i++)
    {
      DcaDealRecord *r = g_ptr_array_index (d->latest, i);
      GtkWidget *row = adw_action_row_new ();
      const char *bot = g_hash_table_lookup (d->bot_names, &r->bot_id);
      g_autofree char *subtitle = NULL;
      g_autofree char *suffix = NULL;
      g_autoptr(GDateTime) opened = g_date_time_new_from_unix_local (r->state.opened_at);
      g_autofree char *when = g_date_time_format (opened, "%Y-%m-%d %H:%M");
      GtkWidget *label;

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), r->product_id);
      subtitle = g_strdup_printf ("%s · %s", bot ? bot : "", when);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      if (r->has_profit_percentage)
        {
          g_autofree char *pct = dca_decimal_to_string_places (r->profit_percentage, 2);

          suffix = g_strdup_printf ("%s %%", pct);
        }
      else
        suffix = g_strdup (_("open"));
      label = gtk_label_new (suffix);
      gtk_widget_add_css_class (label, "numeric");
      if (r->has_profit)
        gtk_widget_add_css_class (label, dca_decimal_sign (r->profit) >= 0 ? "success" : "error");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
      gtk_list_box_append (self->latest_list, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->latest_list), d->latest->len > 0);
}

static void
computed (GObject      *source,
          GAsyncResult *result,
          gpointer      data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DcaDashboard) d = g_task_propagate_pointer (G_TASK (result), &error);

  if (d == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("dashboard: %s", error->message);
      return;
    }
  show (DCA_DASHBOARD_PAGE (source), d);
}

void
dca_dashboard_page_refresh (DcaDashboardPage *self)
{
  g_autoptr(GTask) task = NULL;

  if (self->context == NULL)
    return;
  task = g_task_new (self, self->cancellable, computed, NULL);
  g_task_set_task_data (task, g_strdup (dca_store_get_path (dca_context_get_store (self->context))), g_free);
  g_task_run_in_thread (task, compute);
}

static gboolean
refresh_now (gpointer data)
{
  DcaDashboardPage *self = data;

  self->refresh_source = 0;
  dca_dashboard_page_refresh (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_refresh (DcaDashboardPage *self)
{
  if (self->refresh_source == 0)
    self->refresh_source = g_timeout_add (500, refresh_now, self);
}

void
dca_dashboard_page_set_context (DcaDashboardPage *self,
                                DcaContext       *context)
{
  g_set_object (&self->context, context);
  if (context != NULL)
    g_signal_connect_object (context, "bots-changed", G_CALLBACK (schedule_refresh), self, G_CONNECT_SWAPPED);
  dca_dashboard_page_refresh (self);
}

const char *
dca_dashboard_page_get_profit_text (DcaDashboardPage *self)
{
  return gtk_label_get_label (self->profit_label);
}

const char *
dca_dashboard_page_get_active_text (DcaDashboardPage *self)
{
  return gtk_label_get_label (self->active_label);
}

static void
dca_dashboard_page_dispose (GObject *object)
{
  DcaDashboardPage *self = DCA_DASHBOARD_PAGE (object);
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  /* no context signal may queue work for a page that is going */
  if (self->context != NULL)
    g_signal_handlers_disconnect_by_data (self->context, self);
  g_clear_handle_id (&self->refresh_source, g_source_remove);
  g_clear_object (&self->context);
  gtk_widget_dispose_template (GTK_WIDGET (self), DCA_TYPE_DASHBOARD_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (dca_dashboard_page_parent_class)->dispose (object);
}

static void
dca_dashboard_page_class_init (DcaDashboardPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dca_dashboard_page_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/dcadesk/DcaDesk/dca-dashboard-page.ui");
  gtk_widget_class_bind_template_child (widget_class, DcaDashboardPage, profit_label);
  gtk_widget_class_bind_template_child (widget_class, DcaDashboardPage, win_rate_label);
  gtk_widget_class_bind_template_child (widget_class, DcaDashboardPage, active_label);
  gtk_widget_class_bind_template_child (widget_class, DcaDashboardPage, bots_label);
  gtk_widget_class_bind_template_child (widget_class, DcaDashboardPage, latest_list);
}

static void
dca_dashboard_page_init (DcaDashboardPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}
