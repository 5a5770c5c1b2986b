/* pd-ctl-audit.c — audit list
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-ctl-audit"

#include "config.h"

#include <glib/gi18n.h>

#include "pd-ctl-private.h"

#define DEFAULT_LIMIT 50

static JsonObject *
record_to_json (PdAuditRecord *record)
{
  JsonObject *object = json_object_new ();

  json_object_set_int_member (object, "id", pd_audit_record_get_id (record));
  pd_ctl_json_set_string (object, "ts", pd_audit_record_get_ts (record));
  pd_ctl_json_set_string (object, "user", pd_audit_record_get_user (record));
  pd_ctl_json_set_string (object, "role", pd_audit_record_get_role (record));
  pd_ctl_json_set_string (object, "station", pd_audit_record_get_station (record));
  pd_ctl_json_set_string (object, "action", pd_audit_record_get_action (record));
  pd_ctl_json_set_string (object, "entity", pd_audit_record_get_entity (record));
  pd_ctl_json_set_string (object, "entity_id", pd_audit_record_get_entity_id (record));
  pd_ctl_json_set_string (object, "result", pd_audit_record_get_result (record));
  pd_ctl_json_set_string (object, "detail", pd_audit_record_get_detail (record));

  return object;
}

static const char *
result_display_name (const char *result)
{
  if (g_strcmp0 (result, "ok") == 0)
    return C_("audit result", "ok");
  if (g_strcmp0 (result, "denied") == 0)
    return C_("audit result", "denied");

  return result;
}

static void
print_table (GPtrArray *records)
{
  g_autoptr(PdCtlTable) table = NULL;

  if (records->len == 0)
    {
      pd_ctl_print_line ("%s", _("No audit records match."));
      return;
    }

  table = pd_ctl_table_new (7, _("TIME"), _("USER"), _("ROLE"), _("ACTION"),
                            _("ENTITY"), _("RESULT"), _("DETAIL"));

  for (guint i = 0; i < records->len; i++)
    {
      PdAuditRecord *record = g_ptr_array_index (records, i);
      g_autofree char *time = pd_audit_record_format_local_time (record);
      g_autofree char *entity = NULL;
      const char *entity_id = pd_audit_record_get_entity_id (record);

      if (entity_id != NULL && *entity_id != '\0')
        entity = g_strdup_printf ("%s %s", pd_audit_record_get_entity (record), entity_id);
      else
        entity = g_strdup (pd_audit_record_get_entity (record));

      pd_ctl_table_add_row (table,
                            time,
                            pd_audit_record_get_user (record),
                            pd_audit_record_get_role (record),
                            pd_audit_record_get_action (record),
                            entity,
                            result_display_name (pd_audit_record_get_result (record)),
                            pd_audit_record_get_detail (record));
    }

  pd_ctl_table_print (table);
}

int
pd_ctl_audit_list_run (PdCtl              *ctl,
                       const PdCtlCommand *command,
                       PdCtlArgs          *args)
{
  const char *since = pd_ctl_args_get_option (args, "since");
  const char *until = pd_ctl_args_get_option (args, "until");
  const char *limit_str = pd_ctl_args_get_option (args, "limit");
  const char *result = pd_ctl_args_get_option (args, "result");
  g_autoptr(GDateTime) since_time = NULL;
  g_autoptr(GDateTime) until_time = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;
  PdAuditFilter filter = { 0 };
  guint64 limit = DEFAULT_LIMIT;
  PdUser *actor;

  /* Every argument is checked before anyone is asked for a password. */
  if (since != NULL && (since_time = pd_ctl_parse_time (since)) == NULL)
    return pd_ctl_usage_error (command, _("“%s” is not an ISO 8601 date or time."), since);

  if (until != NULL && (until_time = pd_ctl_parse_time (until)) == NULL)
    return pd_ctl_usage_error (command, _("“%s” is not an ISO 8601 date or time."), until);

  if (limit_str != NULL &&
      !g_ascii_string_to_unsigned (limit_str, 10, 0, G_MAXINT, &limit, NULL))
    return pd_ctl_usage_error (command, _("“%s” is not a number of records (0 or more)."), limit_str);

  if (result != NULL && !g_str_equal (result, "ok") && !g_str_equal (result, "denied"))
    return pd_ctl_usage_error (command, _("Unknown result “%s”: use ok or denied."), result);

  if ((actor = pd_ctl_login (ctl, &error)) == NULL)
    return pd_ctl_fail (error);

  filter.user = pd_ctl_args_get_option (args, "user");
  filter.action = pd_ctl_args_get_option (args, "action");
  filter.since = since_time;
  filter.until = until_time;
  filter.result = result;

  /* The core checks the permission and audits a refusal. */
  records = pd_store_query_audit (ctl->store, actor, &filter, (int) limit, &error);
  if (records == NULL)
    return pd_ctl_fail (error);

  if (ctl->json)
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);
      g_autoptr(JsonArray) array = json_array_sized_new (records->len);

      for (guint i = 0; i < records->len; i++)
        json_array_add_object_element (array, record_to_json (g_ptr_array_index (records, i)));

      json_node_set_array (node, array);
      pd_ctl_print_json (node);
    }
  else
    {
      print_table (records);
    }

  return PD_CTL_EXIT_OK;
}
