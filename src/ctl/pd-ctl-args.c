/* pd-ctl-args.c — the arguments of one command
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-ctl-args"

#include "config.h"

#include <glib/gi18n.h>

#include "pd-ctl-private.h"

PdCtlArgs *
pd_ctl_args_new (void)
{
  PdCtlArgs *args = g_new0 (PdCtlArgs, 1);

  args->positionals = g_ptr_array_new_with_free_func (g_free);
  args->options = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  return args;
}

void
pd_ctl_args_free (PdCtlArgs *args)
{
  if (args == NULL)
    return;

  g_clear_pointer (&args->positionals, g_ptr_array_unref);
  g_clear_pointer (&args->options, g_hash_table_unref);
  g_free (args);
}

const char *
pd_ctl_args_get (PdCtlArgs *args,
                 guint      index)
{
  g_return_val_if_fail (args != NULL, NULL);
  g_return_val_if_fail (index < args->positionals->len, NULL);

  return g_ptr_array_index (args->positionals, index);
}

const char *
pd_ctl_args_get_option (PdCtlArgs  *args,
                        const char *name)
{
  g_return_val_if_fail (args != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return g_hash_table_lookup (args->options, name);
}

gboolean
pd_ctl_args_has_option (PdCtlArgs  *args,
                        const char *name)
{
  g_return_val_if_fail (args != NULL, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  return g_hash_table_contains (args->options, name);
}

const PdCtlOption *
pd_ctl_command_find_option (const PdCtlCommand *command,
                            const char         *name)
{
  g_return_val_if_fail (command != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  for (guint i = 0; command->options != NULL && command->options[i].name != NULL; i++)
    {
      if (g_str_equal (command->options[i].name, name))
        return &command->options[i];
    }

  return NULL;
}

guint
pd_ctl_command_n_arguments (const PdCtlCommand *command)
{
  g_return_val_if_fail (command != NULL, 0);

  return command->arguments != NULL ? g_strv_length ((char **) command->arguments) : 0;
}

gboolean
pd_ctl_parse_role (const PdCtlCommand *command,
                   const char         *str,
                   PdRole             *role)
{
  if (pd_role_from_string (str, role))
    return TRUE;

  pd_ctl_usage_error (command,
                      _("Unknown role “%s”: use operator, warehouse, supervisor or admin."),
                      str);
  return FALSE;
}
