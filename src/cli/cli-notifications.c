/* cli-notifications.c: dcadesk-cli notifications list|read|delete */
#define G_LOG_DOMAIN "dcadesk-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "dca-notifications.h"

#include "dcadesk-cli.h"

static void
write_notification (DcaJsonWriter         *w,
                    const DcaNotification *n)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_utc (n->time);
  g_autofree char *iso = g_date_time_format_iso8601 (when);

  dca_json_begin_object (w);
  dca_json_member_int (w, "id", n->id);
  dca_json_member_string (w, "time", iso);
  dca_json_member_string (w, "type", dca_notification_type_to_string (n->type));
  dca_json_member_string (w, "priority", dca_notification_priority_to_string (n->priority));
  dca_json_member_string (w, "title", n->title);
  dca_json_member_string (w, "body", n->body);
  dca_json_member_bool (w, "read", n->read);
  dca_json_key (w, "bot_id");
  if (n->bot_id > 0)
    dca_json_int (w, n->bot_id);
  else
    dca_json_null (w);
  dca_json_key (w, "deal_id");
  if (n->deal_id > 0)
    dca_json_int (w, n->deal_id);
  else
    dca_json_null (w);
  dca_json_key (w, "product_id");
  if (n->product_id != NULL)
    dca_json_string (w, n->product_id);
  else
    dca_json_null (w);
  dca_json_end_object (w);
}

static int
notifications_list (DcaStore *store,
                    gboolean  unread,
                    guint     limit,
                    gboolean  json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = dca_notifications_list (store, unread, 0, limit, &error);

  if (list == NULL)
    return cli_fail (g_steal_pointer (&error));
  if (json)
    {
      g_autoptr(DcaJsonWriter) w = dca_json_writer_new (TRUE);

      dca_json_begin_array (w);
      for (guint i = 0; i < list->len; i++)
        write_notification (w, g_ptr_array_index (list, i));
      dca_json_end_array (w);
      cli_print_json (w);
      return 0;
    }
  if (list->len == 0)
    g_print ("%s\n", unread ? _("No unread notifications.") : _("No notifications."));
  /* newest first, as the notification center shows them */
  for (guint i = 0; i < list->len; i++)
    {
      const DcaNotification *n = g_ptr_array_index (list, i);
      g_autoptr(GDateTime) when = g_date_time_new_from_unix_utc (n->time);
      g_autofree char *stamp = g_date_time_format (when, "%Y-%m-%d %H:%M");

      g_print ("%6" G_GINT64_FORMAT " %s %s %-20s %s\n", n->id, n->read ? " " : "*", stamp,
               dca_notification_type_to_string (n->type), n->title);
      if (n->body != NULL && *n->body != '\0')
        g_print ("       %s\n", n->body);
    }
  return 0;
}

int
cli_notifications (int    argc,
                   char **argv)
{
  gboolean unread = FALSE;
  gboolean all = FALSE;
  gboolean json = FALSE;
  int limit = 0;
  int status = 0;
  GOptionEntry entries[] = {
    { "unread", 0, 0, G_OPTION_ARG_NONE, &unread, N_("list: only the unread ones"), NULL },
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, N_("list: at most the N newest"), "N" },
    { "all", 0, 0, G_OPTION_ARG_NONE, &all, N_("read, delete: every notification"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(DcaStore) store = NULL;
  const char *verb;
  gint64 id = 0;

  if (!cli_parse_options ("list [--unread] [--json] | read ID|--all | delete ID|--all",
                          _("Lists the notifications of the notification center, newest first, "
                            "marks them read or deletes them."),
                          entries, &argc, &argv, &status))
    return status;
  verb = argc > 1 ? argv[1] : "list";
  if (limit < 0)
    return cli_fail_message (_("--limit: %d is not a number of notifications"), limit);

  if (strcmp (verb, "list") == 0)
    {
      if (argc > 2)
        return cli_fail_message (_("unexpected argument “%s”"), argv[2]);
      if (all)
        return cli_fail_message (_("--all goes with read or delete"));
    }
  else if (strcmp (verb, "read") == 0 || strcmp (verb, "delete") == 0)
    {
      if (unread || json || limit != 0)
        return cli_fail_message (_("--unread, --limit and --json go with list"));
      if (all == (argc == 3))
        return cli_fail_message (_("%s: give a notification id or --all"), verb);
      if (argc > 3)
        return cli_fail_message (_("unexpected argument “%s”"), argv[3]);
      if (!all && !cli_parse_id (argv[2], &id))
        return cli_fail_message (_("“%s” is not a notification id"), argv[2]);
    }
  else
    return cli_fail_message (_("notifications: expected list, read or delete (try --help)"));

  store = cli_open_store (&error);
  if (store == NULL)
    return cli_fail (g_steal_pointer (&error));
  if (strcmp (verb, "list") == 0)
    return notifications_list (store, unread, (guint) limit, json);
  if (strcmp (verb, "read") == 0 ? !dca_notifications_mark_read (store, id, &error)
                                 : !dca_notifications_delete (store, id, &error))
    return cli_fail (g_steal_pointer (&error));
  return 0;
}
