/* pd-ctl-station.c — init, station show, station set-name
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-ctl-station"

#include "config.h"

#include <glib/gi18n.h>

#include "pd-ctl-private.h"

static JsonNode *
station_to_json (PdStore *store)
{
  g_autoptr(JsonObject) object = json_object_new ();
  g_autofree char *name = pd_store_dup_station_name (store);
  g_autofree char *station_id = pd_store_dup_station_id (store);
  JsonNode *node;

  json_object_set_boolean_member (object, "initialized", pd_store_is_initialized (store));
  pd_ctl_json_set_string (object, "name", name);
  pd_ctl_json_set_string (object, "station_id", station_id);
  json_object_set_string_member (object, "data_dir", pd_store_get_data_dir (store));
  json_object_set_string_member (object, "database", pd_store_get_path (store));
  json_object_set_int_member (object, "schema_version", pd_store_get_schema_version (store));

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (node, object);

  return node;
}

static void
print_station (PdStore *store)
{
  g_autofree char *name = pd_store_dup_station_name (store);
  g_autofree char *station_id = pd_store_dup_station_id (store);
  g_autofree char *version = g_strdup_printf ("%d", pd_store_get_schema_version (store));
  g_autoptr(PdCtlTable) table = NULL;

  table = pd_ctl_table_new (2, _("Station:"), name != NULL ? name : _("(not set up)"));
  pd_ctl_table_add_row (table, _("Station ID:"), station_id);
  pd_ctl_table_add_row (table, _("Set up:"), pd_store_is_initialized (store) ? _("yes") : _("no"));
  pd_ctl_table_add_row (table, _("Data folder:"), pd_store_get_data_dir (store));
  pd_ctl_table_add_row (table, _("Database:"), pd_store_get_path (store));
  pd_ctl_table_add_row (table, _("Schema version:"), version);
  pd_ctl_table_print (table);
}

int
pd_ctl_init_run (PdCtl              *ctl,
                 const PdCtlCommand *command,
                 PdCtlArgs          *args)
{
  const char *station_name = pd_ctl_args_get_option (args, "station-name");
  const char *admin_name = pd_ctl_args_get_option (args, "admin");
  g_autoptr(GError) error = NULL;
  g_autoptr(PdCtlSecret) password = NULL;
  PdStore *store;

  if ((store = pd_ctl_create_store (ctl, &error)) == NULL)
    return pd_ctl_fail (error);

  /* Check what can be checked before asking for a password twice. The
   * core checks all of it again. */
  if (g_getenv (PD_CTL_ENV_PASSWORD) == NULL && pd_store_is_initialized (store))
    {
      g_set_error (&error, PD_ERROR, PD_ERROR_EXISTS,
                   _("This station has already been set up."));
      return pd_ctl_fail (error);
    }

  if (!pd_user_name_check (admin_name, &error))
    return pd_ctl_fail (error);

  if ((password = pd_ctl_prompt_new_password (PD_CTL_ENV_PASSWORD, admin_name, &error)) == NULL)
    return pd_ctl_fail (error);

  if (!pd_store_init_station (store, station_name, admin_name, password, &error))
    return pd_ctl_fail (error);

  if (ctl->json)
    {
      g_autoptr(JsonNode) node = station_to_json (store);

      pd_ctl_print_json (node);
    }
  else
    {
      g_autofree char *name = pd_store_dup_station_name (store);

      pd_ctl_print_line (_("Station “%s” is set up; its administrator is “%s”."),
                         name, admin_name);
    }

  return PD_CTL_EXIT_OK;
}

int
pd_ctl_station_show_run (PdCtl              *ctl,
                         const PdCtlCommand *command,
                         PdCtlArgs          *args)
{
  g_autoptr(GError) error = NULL;
  PdStore *store;

  if ((store = pd_ctl_open_store (ctl, &error)) == NULL)
    return pd_ctl_fail (error);

  if (ctl->json)
    {
      g_autoptr(JsonNode) node = station_to_json (store);

      pd_ctl_print_json (node);
    }
  else
    {
      print_station (store);
    }

  return PD_CTL_EXIT_OK;
}

int
pd_ctl_station_set_name_run (PdCtl              *ctl,
                             const PdCtlCommand *command,
                             PdCtlArgs          *args)
{
  const char *name = pd_ctl_args_get (args, 0);
  g_autoptr(GError) error = NULL;
  PdUser *actor;

  if ((actor = pd_ctl_login (ctl, &error)) == NULL)
    return pd_ctl_fail (error);

  if (!pd_store_set_station_name (ctl->store, actor, name, &error))
    return pd_ctl_fail (error);

  if (ctl->json)
    {
      g_autoptr(JsonNode) node = station_to_json (ctl->store);

      pd_ctl_print_json (node);
    }
  else
    {
      g_autofree char *new_name = pd_store_dup_station_name (ctl->store);

      pd_ctl_print_line (_("The station is now called “%s”."), new_name);
    }

  return PD_CTL_EXIT_OK;
}
