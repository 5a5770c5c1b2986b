/* pd-ctl-users.c — user add, list, set-role, disable, enable, passwd
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-ctl-users"

#include "config.h"

#include <glib/gi18n.h>

#include "pd-ctl-private.h"

static JsonObject *
user_to_json (PdUser *user)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "name", pd_user_get_name (user));
  json_object_set_string_member (object, "role", pd_role_to_string (pd_user_get_role (user)));
  json_object_set_boolean_member (object, "disabled", pd_user_get_disabled (user));
  pd_ctl_json_set_string (object, "created", pd_user_get_created_at (user));

  return object;
}

static void
print_user_json (PdUser *user)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  json_node_take_object (node, user_to_json (user));
  pd_ctl_print_json (node);
}

/* Prints the user as it is now, after a change: people get MESSAGE,
 * scripts the whole record. */
static int
report_user (PdCtl      *ctl,
             const char *name,
             const char *message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdUser) user = NULL;

  if (!ctl->json)
    {
      pd_ctl_print_line ("%s", message);
      return PD_CTL_EXIT_OK;
    }

  if ((user = pd_store_find_user (ctl->store, name, &error)) == NULL)
    return pd_ctl_fail (error);

  print_user_json (user);

  return PD_CTL_EXIT_OK;
}

int
pd_ctl_user_add_run (PdCtl              *ctl,
                     const PdCtlCommand *command,
                     PdCtlArgs          *args)
{
  const char *name = pd_ctl_args_get (args, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(PdCtlSecret) password = NULL;
  g_autoptr(PdUser) user = NULL;
  PdUser *actor;
  PdRole role;

  if (!pd_ctl_parse_role (command, pd_ctl_args_get_option (args, "role"), &role))
    return PD_CTL_EXIT_USAGE;

  if (!pd_user_name_check (name, &error))
    return pd_ctl_fail (error);

  if ((actor = pd_ctl_login (ctl, &error)) == NULL)
    return pd_ctl_fail (error);

  /* Refuse before asking for a password that could not be used. The core
   * audits the refusal, and checks again when it writes. */
  if (!pd_store_check_permission (ctl->store, actor, PD_PERMISSION_USERS_MANAGE,
                                  "user.add", &error))
    return pd_ctl_fail (error);

  if ((password = pd_ctl_prompt_new_password (PD_CTL_ENV_NEW_PASSWORD, name, &error)) == NULL)
    return pd_ctl_fail (error);

  user = pd_store_add_user (ctl->store, actor, name, role, password, &error);
  if (user == NULL)
    return pd_ctl_fail (error);

  if (ctl->json)
    print_user_json (user);
  else
    pd_ctl_print_line (_("Added user “%s” with the role %s."),
                       pd_user_get_name (user), pd_role_to_string (role));

  return PD_CTL_EXIT_OK;
}

int
pd_ctl_user_list_run (PdCtl              *ctl,
                      const PdCtlCommand *command,
                      PdCtlArgs          *args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) users = NULL;
  PdUser *actor;

  if ((actor = pd_ctl_login (ctl, &error)) == NULL)
    return pd_ctl_fail (error);

  /* Who works here, and with which rights, is for administrators. */
  if (!pd_store_check_permission (ctl->store, actor, PD_PERMISSION_USERS_MANAGE,
                                  "user.list", &error))
    return pd_ctl_fail (error);

  if ((users = pd_store_list_users (ctl->store, &error)) == NULL)
    return pd_ctl_fail (error);

  if (ctl->json)
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);
      g_autoptr(JsonArray) array = json_array_sized_new (users->len);

      for (guint i = 0; i < users->len; i++)
        json_array_add_object_element (array, user_to_json (g_ptr_array_index (users, i)));

      json_node_set_array (node, array);
      pd_ctl_print_json (node);
    }
  else
    {
      g_autoptr(PdCtlTable) table = NULL;

      table = pd_ctl_table_new (4, _("NAME"), _("ROLE"), _("STATE"), _("CREATED"));
      for (guint i = 0; i < users->len; i++)
        {
          PdUser *user = g_ptr_array_index (users, i);
          g_autofree char *created = pd_ctl_format_local_time (pd_user_get_created_at (user));

          pd_ctl_table_add_row (table,
                                pd_user_get_name (user),
                                pd_role_to_string (pd_user_get_role (user)),
                                pd_user_get_disabled (user) ? _("disabled") : _("active"),
                                created);
        }
      pd_ctl_table_print (table);
    }

  return PD_CTL_EXIT_OK;
}

int
pd_ctl_user_set_role_run (PdCtl              *ctl,
                          const PdCtlCommand *command,
                          PdCtlArgs          *args)
{
  const char *name = pd_ctl_args_get (args, 0);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  PdUser *actor;
  PdRole role;

  if (!pd_ctl_parse_role (command, pd_ctl_args_get (args, 1), &role))
    return PD_CTL_EXIT_USAGE;

  if ((actor = pd_ctl_login (ctl, &error)) == NULL)
    return pd_ctl_fail (error);

  if (!pd_store_set_user_role (ctl->store, actor, name, role, &error))
    return pd_ctl_fail (error);

  message = g_strdup_printf (_("“%s” now has the role %s."), name, pd_role_to_string (role));
  return report_user (ctl, name, message);
}

static int
set_disabled (PdCtl      *ctl,
              PdCtlArgs  *args,
              gboolean    disabled)
{
  const char *name = pd_ctl_args_get (args, 0);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  PdUser *actor;

  if ((actor = pd_ctl_login (ctl, &error)) == NULL)
    return pd_ctl_fail (error);

  if (!pd_store_set_user_disabled (ctl->store, actor, name, disabled, &error))
    return pd_ctl_fail (error);

  if (disabled)
    message = g_strdup_printf (_("“%s” is disabled and can no longer sign in."), name);
  else
    message = g_strdup_printf (_("“%s” is enabled and can sign in again."), name);

  return report_user (ctl, name, message);
}

int
pd_ctl_user_disable_run (PdCtl              *ctl,
                         const PdCtlCommand *command,
                         PdCtlArgs          *args)
{
  return set_disabled (ctl, args, TRUE);
}

int
pd_ctl_user_enable_run (PdCtl              *ctl,
                        const PdCtlCommand *command,
                        PdCtlArgs          *args)
{
  return set_disabled (ctl, args, FALSE);
}

int
pd_ctl_user_passwd_run (PdCtl              *ctl,
                        const PdCtlCommand *command,
                        PdCtlArgs          *args)
{
  const char *name = pd_ctl_args_get (args, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(PdCtlSecret) password = NULL;
  g_autofree char *message = NULL;
  gboolean own;
  PdUser *actor;

  if ((actor = pd_ctl_login (ctl, &error)) == NULL)
    return pd_ctl_fail (error);

  /* Changing one's own password needs the current one, which is the one
   * just used to sign in; the core ignores it for someone else's account,
   * which only an administrator may reset. That is refused here, before a
   * new password is asked for in vain; the core audits the refusal. */
  own = g_utf8_collate (pd_user_get_name (actor), name) == 0;
  if (!own &&
      !pd_store_check_permission (ctl->store, actor, PD_PERMISSION_USERS_MANAGE,
                                  "user.reset-password", &error))
    return pd_ctl_fail (error);

  if ((password = pd_ctl_prompt_new_password (PD_CTL_ENV_NEW_PASSWORD, name, &error)) == NULL)
    return pd_ctl_fail (error);

  if (!pd_store_set_password (ctl->store, actor, name, ctl->actor_password, password, &error))
    return pd_ctl_fail (error);

  message = g_strdup_printf (_("The password of “%s” is changed."), name);
  return report_user (ctl, name, message);
}
