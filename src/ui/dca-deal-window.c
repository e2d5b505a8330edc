/* dca-deal-window.c: one deal
 *
 * Figures come from core (the deal state and its formatting); actions go to
 * the engine (dca_engine_deal_action), which does them between evaluations
 * and answers here; a refusal is shown with its reason.
 *
 * The chart shows the pair's recorded candles around the deal's lifetime
 * (the replay market, loaded in a worker thread), core's levels of the deal
 * (dca_deal_levels) as lines and each fill as a mark.
 */
#define G_LOG_DOMAIN "dca-deal-window"

#include "config.h"

#include <glib/gi18n.h>

#include "dca-chart.h"
#include "dca-deal.h"
#include "dca-deal-item.h"
#include "dca-deal-window.h"
#include "dca-json.h"
#include "dca-replay-market.h"

struct _DcaDealWindow
{
  AdwWindow         parent_instance;

  DcaContext       *context;
  gint64            deal_id;
  guint             n_fills;
  DcaReplayMarket  *market;
  GCancellable     *cancellable;
  DcaDealRecord    *record;    /* as last read, for the chart */
  GPtrArray        *fills;     /* DcaFillRecord, as last read */
  char             *strategy_type;

  AdwWindowTitle   *title;
  AdwToastOverlay  *toasts;
  GtkLabel         *summary_label;
  AdwPreferencesGroup *actions_group;
  AdwEntryRow      *amount_row;
  GtkTextView      *notes_view;
  GtkListBox       *fills_list;
  GtkListBox       *decisions_list;
  GtkStack         *chart_stack;
  DcaChart         *chart;
  GtkLabel         *chart_empty_label;
};

G_DEFINE_FINAL_TYPE (DcaDealWindow, dca_deal_window, ADW_TYPE_WINDOW)

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static void
add_row (GtkListBox *list,
         const char *title,
         const char *subtitle,
         const char *suffix)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (suffix != NULL)
    {
      GtkWidget *label = gtk_label_new (suffix);

      gtk_widget_add_css_class (label, "numeric");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
    }
  gtk_list_box_append (list, row);
}

/* ---- the chart ------------------------------------------------------------ */

/* the deal's configuration as it opened, NULL when it cannot be read */
static DcaStrategyConfig *
deal_config (DcaDealWindow *self)
{
  g_autoptr(JsonNode) node = NULL;
  DcaStrategyType type;

  if (self->strategy_type == NULL || !dca_strategy_type_parse (self->strategy_type, &type))
    return NULL;
  node = dca_json_parse (self->record->config_snapshot_json, -1, NULL);
  return node ? dca_strategy_config_parse (type, node, NULL) : NULL;
}

static void
add_level (DcaDealWindow *self,
           DcaChartLevel  kind,
           const char    *name,
           DcaDecimal     price)
{
  g_autofree char *text = dca_decimal_to_string_places (price, 8);
  g_autofree char *label = g_strdup_printf ("%s %s", name, text);

  dca_chart_add_level (self->chart, kind, dca_decimal_to_double (price), label);
}

static void
update_chart (DcaDealWindow *self)
{
  const DcaDealState *s;
  DcaEngine *engine;
  g_autoptr(DcaEngineStatus) status = NULL;
  g_autoptr(DcaStrategyConfig) config = NULL;
  g_autoptr(DcaCandleSeries) candles = NULL;
  g_autofree char *title = NULL;
  DcaTimeframe tf = DCA_TIMEFRAME_INVALID;
  gint64 now, end, span, gran, margin;
  guint count = 0;

  if (self->record == NULL || self->market == NULL)
    return;
  s = &self->record->state;

  /* the replay's clock: the engine's, or the end of the recording */
  engine = dca_context_get_engine (self->context);
  status = engine ? dca_engine_get_status (engine) : NULL;
  now = status && status->market_time > 0 ? status->market_time : dca_replay_market_get_end_time (self->market);
  end = s->closed_at > 0 ? s->closed_at : now;
  span = MAX (end - s->opened_at, 1);
  /* the finest candles that show the deal in at most 160 of them */
  for (DcaTimeframe t = DCA_TIMEFRAME_ONE_MINUTE; t <= DCA_TIMEFRAME_ONE_DAY; t++)
    if (dca_replay_market_get_series (self->market, self->record->product_id, t) != NULL)
      {
        tf = t;
        if (span / dca_timeframe_seconds (t) <= 160)
          break;
      }
  if (tf != DCA_TIMEFRAME_INVALID)
    {
      gran = dca_timeframe_seconds (tf);
      margin = MAX (span / 6, 15 * gran);
      dca_replay_market_set_time (self->market, now);
      candles = dca_replay_market_get_candles (self->market, self->record->product_id, tf,
                                               s->opened_at - margin - gran, end + margin);
      count = (guint) candles->len;
    }
  if (count < 2)
    {
      gtk_label_set_label (self->chart_empty_label, _("The recorded market has no candles of this pair around the deal"));
      gtk_stack_set_visible_child (self->chart_stack, GTK_WIDGET (self->chart_empty_label));
      return;
    }
  gtk_stack_set_visible_child (self->chart_stack, GTK_WIDGET (self->chart));
  title = g_strdup_printf ("%s · %s", self->record->product_id, dca_timeframe_short_name (tf));
  dca_chart_set_candles (self->chart, title, candles, count);

  dca_chart_clear_annotations (self->chart);
  config = deal_config (self);
  if (config != NULL)
    {
      DcaDealLevels levels;

      dca_deal_levels (s, config, &levels);
      for (guint i = 0; i < levels.n_safety; i++)
        {
          /* Translators: a short chart label, SO: safety order, %u its number */
          g_autofree char *name = g_strdup_printf (_("SO %u"), levels.first_safety + i);

          add_level (self, DCA_CHART_LEVEL_SAFETY, name, levels.safety[i]);
        }
      /* Translators: a short chart label: stop loss */
      if (levels.has_stop_loss)
        add_level (self, DCA_CHART_LEVEL_STOP_LOSS, C_("chart", "SL"), levels.stop_loss);
      /* Translators: a short chart label: average entry price */
      if (levels.has_average)
        add_level (self, DCA_CHART_LEVEL_AVERAGE, C_("chart", "Avg"), levels.average_price);
      /* Translators: a short chart label: take profit */
      if (levels.has_take_profit)
        add_level (self, DCA_CHART_LEVEL_TAKE_PROFIT, C_("chart", "TP"), levels.take_profit);
    }
  for (guint i = 0; self->fills != NULL && i < self->fills->len; i++)
    {
      const DcaFill *f = &((DcaFillRecord *) g_ptr_array_index (self->fills, i))->fill;

      dca_chart_add_mark (self->chart, f->side == DCA_SIDE_BUY ? DCA_CHART_MARK_BUY : DCA_CHART_MARK_SELL,
                          f->time, dca_decimal_to_double (f->price));
    }
}

static void
market_loaded (GObject      *source,
               GAsyncResult *result,
               gpointer      data)
{
  g_autoptr(GError) error = NULL;
  DcaReplayMarket *market = g_task_propagate_pointer (G_TASK (result), &error);
  DcaDealWindow *self;

  if (market == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      self = DCA_DEAL_WINDOW (source);
      gtk_label_set_label (self->chart_empty_label, error->message);
      gtk_stack_set_visible_child (self->chart_stack, GTK_WIDGET (self->chart_empty_label));
      return;
    }
  self = DCA_DEAL_WINDOW (source);
  self->market = market;
  update_chart (self);
}

static void
load_market (GTask        *task,
             gpointer      source,
             gpointer      data,
             GCancellable *cancellable)
{
  g_autofree char *dir = dca_engine_default_replay_dir ();
  GError *error = NULL;
  DcaReplayMarket *market = dca_replay_market_new (dir, &error);

  if (market == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, market, g_object_unref);
}

gboolean
dca_deal_window_chart_is_ready (DcaDealWindow *self)
{
  return self->market != NULL;
}

DcaChart *
dca_deal_window_get_chart (DcaDealWindow *self)
{
  return self->chart;
}

void
dca_deal_window_reload (DcaDealWindow *self)
{
  DcaStore *store = dca_context_get_store (self->context);
  g_autoptr(GError) error = NULL;
  DcaDealRecord *record = dca_store_get_deal (store, self->deal_id, &error);
  g_autoptr(DcaDealItem) item = NULL;
  g_autoptr(GPtrArray) fills = NULL;
  g_autoptr(GPtrArray) decisions = NULL;
  g_autoptr(DcaBotRecord) bot = NULL;
  g_autoptr(GString) summary = g_string_new (NULL);
  static const DcaDealColumn shown[] = {
    DCA_DEAL_COLUMN_OPENED, DCA_DEAL_COLUMN_CLOSED, DCA_DEAL_COLUMN_SPENT, DCA_DEAL_COLUMN_AVERAGE_PRICE,
    DCA_DEAL_COLUMN_SAFETY_ORDERS, DCA_DEAL_COLUMN_PROFIT, DCA_DEAL_COLUMN_PROFIT_PERCENTAGE,
    DCA_DEAL_COLUMN_CLOSE_REASON,
  };

  if (record == NULL)
    {
      adw_toast_overlay_add_toast (self->toasts, adw_toast_new (error->message));
      return;
    }
  bot = dca_store_get_bot (store, record->bot_id, NULL);
  item = dca_deal_item_new (record, bot ? bot->name : NULL);
  {
    g_autofree char *subtitle = g_strdup_printf ("%s · %s", bot ? bot->name : "",
                                                 dca_deal_status_to_string (record->state.status));

    adw_window_title_set_title (self->title, record->product_id);
    adw_window_title_set_subtitle (self->title, subtitle);
  }
  for (guint i = 0; i < G_N_ELEMENTS (shown); i++)
    {
      g_autofree char *v = dca_deal_item_format (item, shown[i]);

      if (*v != '\0')
        g_string_append_printf (summary, "%s%s: %s", summary->len ? "\n" : "", dca_deal_column_title (shown[i]), v);
    }
  if (record->last_error != NULL)
    g_string_append_printf (summary, "\n%s: %s", _("Last error"), record->last_error);
  gtk_label_set_label (self->summary_label, summary->str);
  gtk_widget_set_visible (GTK_WIDGET (self->actions_group), record->state.status == DCA_DEAL_STATUS_OPEN);
  if (!gtk_widget_has_focus (GTK_WIDGET (self->notes_view)))
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->notes_view), record->notes ? record->notes : "", -1);

  clear_list (self->fills_list);
  fills = dca_store_list_fills_of_deal (store, self->deal_id, NULL);
  g_clear_pointer (&self->fills, g_ptr_array_unref);
  self->fills = fills ? g_ptr_array_ref (fills) : NULL;
  g_clear_pointer (&self->record, dca_deal_record_free);
  self->record = dca_deal_record_copy (record);
  g_free (self->strategy_type);
  self->strategy_type = g_strdup (bot ? bot->strategy_type : NULL);
  update_chart (self);
  self->n_fills = fills ? fills->len : 0;
  for (guint i = 0; fills != NULL && i < fills->len; i++)
    {
      const DcaFill *f = &((DcaFillRecord *) g_ptr_array_index (fills, i))->fill;
      g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (f->time);
      g_autofree char *when = g_date_time_format (dt, "%Y-%m-%d %H:%M");
      g_autofree char *price = dca_decimal_to_string_places (f->price, 8);
      g_autofree char *base = dca_decimal_to_string_places (f->base, 8);
      g_autofree char *quote = dca_decimal_to_string_places (f->quote, 8);
      g_autofree char *fee = dca_decimal_to_string_places (f->fee, 8);
      g_autofree char *title = g_strdup_printf ("%s %s · %s", dca_order_kind_to_string (f->kind),
                                                dca_side_to_string (f->side), when);
      /* Translators: a fill: base amount at price, quote amount, fee */
      g_autofree char *detail = g_strdup_printf (_("%s at %s · fee %s"), base, price, fee);

      add_row (self->fills_list, title, detail, quote);
    }

  clear_list (self->decisions_list);
  decisions = dca_store_list_decisions (store, record->bot_id, 50, NULL);
  for (guint i = 0; decisions != NULL && i < decisions->len; i++)
    {
      DcaDecisionRecord *d = g_ptr_array_index (decisions, i);
      g_autoptr(GDateTime) dt = NULL;
      g_autofree char *when = NULL;
      g_autofree char *title = NULL;

      /* this deal's, or its pair's while it was open */
      if (d->deal_id != self->deal_id &&
          (g_strcmp0 (d->product_id, record->product_id) != 0 || d->time < record->state.opened_at ||
           (record->state.closed_at != 0 && d->time > record->state.closed_at)))
        continue;
      dt = g_date_time_new_from_unix_local (d->time);
      when = g_date_time_format (dt, "%Y-%m-%d %H:%M");
      title = g_strdup_printf ("%s: %s", d->action, d->reason);
      add_row (self->decisions_list, title, when, d->detail);
    }
  /* record belongs to item, freed with it */
}

guint
dca_deal_window_get_n_fills (DcaDealWindow *self)
{
  return self->n_fills;
}

gboolean
dca_deal_window_save_notes (DcaDealWindow *self,
                            const char    *notes,
                            GError       **error)
{
  if (!dca_store_set_deal_notes (dca_context_get_store (self->context), self->deal_id, notes, error))
    return FALSE;
  adw_toast_overlay_add_toast (self->toasts, adw_toast_new (_("Notes saved")));
  return TRUE;
}

/* ---- actions ------------------------------------------------------------- */

static void
action_done (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  g_autoptr(DcaDealWindow) self = data;
  g_autoptr(GError) error = NULL;

  if (!dca_engine_deal_action_finish (DCA_ENGINE (source), result, &error))
    adw_toast_overlay_add_toast (self->toasts, adw_toast_new (error->message));
  else
    adw_toast_overlay_add_toast (self->toasts, adw_toast_new (_("Done")));
  dca_deal_window_reload (self);
}

static void
request (DcaDealWindow *self,
         DcaDealAction  action,
         DcaDecimal     amount)
{
  DcaEngine *engine = dca_context_get_engine (self->context);

  if (engine == NULL)
    {
      adw_toast_overlay_add_toast (self->toasts, adw_toast_new (_("The engine is not running")));
      return;
    }
  dca_engine_deal_action (engine, self->deal_id, action, amount, NULL, action_done, g_object_ref (self));
}

static void
on_close_response (AdwMessageDialog *dialog,
                   const char       *response,
                   DcaDealWindow    *self)
{
  if (g_strcmp0 (response, "close") == 0)
    request (self, DCA_DEAL_ACTION_CLOSE, dca_decimal_zero ());
}

static void
close_deal (GtkWidget  *widget,
            const char *action,
            GVariant   *param)
{
  DcaDealWindow *self = DCA_DEAL_WINDOW (widget);
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Close the Deal at Market?"),
                                              _("Everything the deal bought is sold now at the market price."));

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Keep"), "close", _("_Close Deal"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "close", ADW_RESPONSE_DESTRUCTIVE);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_close_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
cancel_deal (GtkWidget  *widget,
             const char *action,
             GVariant   *param)
{
  request (DCA_DEAL_WINDOW (widget), DCA_DEAL_ACTION_CANCEL, dca_decimal_zero ());
}

static void
add_funds (GtkWidget  *widget,
           const char *action,
           GVariant   *param)
{
  DcaDealWindow *self = DCA_DEAL_WINDOW (widget);
  DcaDecimal amount;

  if (!dca_decimal_parse (gtk_editable_get_text (GTK_EDITABLE (self->amount_row)), &amount, NULL) ||
      dca_decimal_sign (amount) <= 0)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->amount_row), "error");
      adw_toast_overlay_add_toast (self->toasts, adw_toast_new (_("The amount is not a positive number")));
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (self->amount_row), "error");
  request (self, DCA_DEAL_ACTION_ADD_FUNDS, amount);
}

static void
save_notes (GtkWidget  *widget,
            const char *action,
            GVariant   *param)
{
  DcaDealWindow *self = DCA_DEAL_WINDOW (widget);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->notes_view);
  GtkTextIter start, end;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  if (!dca_deal_window_save_notes (self, text, &error))
    adw_toast_overlay_add_toast (self->toasts, adw_toast_new (error->message));
}

/* ---- life ----------------------------------------------------------------- */

DcaDealWindow *
dca_deal_window_new (GtkWindow   *parent,
                     DcaContext  *context,
                     gint64       deal_id,
                     GError     **error)
{
  g_autoptr(DcaDealRecord) check = dca_store_get_deal (dca_context_get_store (context), deal_id, error);
  DcaDealWindow *self;

  if (check == NULL)
    return NULL;
  self = g_object_new (DCA_TYPE_DEAL_WINDOW, "transient-for", parent, NULL);
  self->context = g_object_ref (context);
  self->deal_id = deal_id;
  g_signal_connect_object (context, "bots-changed", G_CALLBACK (dca_deal_window_reload), self, G_CONNECT_SWAPPED);
  dca_deal_window_reload (self);
  {
    g_autoptr(GTask) task = g_task_new (self, self->cancellable, market_loaded, NULL);

    g_task_run_in_thread (task, load_market);
  }
  return self;
}

static void
dca_deal_window_dispose (GObject *object)
{
  DcaDealWindow *self = DCA_DEAL_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  /* no context signal may reach a widget that is going */
  if (self->context != NULL)
    g_signal_handlers_disconnect_by_data (self->context, self);
  g_clear_object (&self->context);
  g_clear_object (&self->market);
  g_clear_pointer (&self->record, dca_deal_record_free);
  g_clear_pointer (&self->fills, g_ptr_array_unref);
  g_clear_pointer (&self->strategy_type, g_free);
  G_OBJECT_CLASS (dca_deal_window_parent_class)->dispose (object);
}

static void
dca_deal_window_class_init (DcaDealWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dca_deal_window_dispose;
  g_type_ensure (DCA_TYPE_CHART);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/dcadesk/DcaDesk/dca-deal-window.ui");
  gtk_widget_class_bind_template_child (widget_class, DcaDealWindow, title);
  gtk_widget_class_bind_template_child (widget_class, DcaDealWindow, toasts);
  gtk_widget_class_bind_template_child (widget_class, DcaDealWindow, summary_label);
  gtk_widget_class_bind_template_child (widget_class, DcaDealWindow, actions_group);
  gtk_widget_class_bind_template_child (widget_class, DcaDealWindow, amount_row);
  gtk_widget_class_bind_template_child (widget_class, DcaDealWindow, notes_view);
  gtk_widget_class_bind_template_child (widget_class, DcaDealWindow, fills_list);
  gtk_widget_class_bind_template_child (widget_class, DcaDealWindow, decisions_list);
  gtk_widget_class_bind_template_child (widget_class, DcaDealWindow, chart_stack);
  gtk_widget_class_bind_template_child (widget_class, DcaDealWindow, chart);
  gtk_widget_class_bind_template_child (widget_class, DcaDealWindow, chart_empty_label);
  gtk_widget_class_install_action (widget_class, "deal.close", NULL, close_deal);
  gtk_widget_class_install_action (widget_class, "deal.cancel", NULL, cancel_deal);
  gtk_widget_class_install_action (widget_class, "deal.add-funds", NULL, add_funds);
  gtk_widget_class_install_action (widget_class, "deal.save-notes", NULL, save_notes);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
dca_deal_window_init (DcaDealWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}
