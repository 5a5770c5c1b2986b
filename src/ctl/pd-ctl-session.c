/* pd-ctl-session.c — the store and the user who acts
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-ctl-session"

#include "config.h"

#include <glib/gi18n.h>

#include "pd-ctl-private.h"

void
pd_ctl_clear (PdCtl *ctl)
{
  g_return_if_fail (ctl != NULL);

  g_clear_object (&ctl->actor);
  g_clear_object (&ctl->store);
  g_clear_pointer (&ctl->actor_password, pd_ctl_secret_free);
  g_clear_pointer (&ctl->data_dir, g_free);
}

static PdStore *
open_store (PdCtl     *ctl,
            gboolean   create,
            GError   **error)
{
  g_autofree char *default_dir = NULL;
  const char *data_dir;

  g_return_val_if_fail (ctl != NULL, NULL);

  if (ctl->store != NULL)
    return ctl->store;

  data_dir = ctl->data_dir;
  if (data_dir == NULL)
    data_dir = default_dir = pd_store_default_data_dir ();

  /* Only "init" creates a database: any other command pointed at a
   * mistyped folder says so instead of leaving an empty one behind. */
  ctl->store = create ? pd_store_open (data_dir, error)
                      : pd_store_open_existing (data_dir, error);

  return ctl->store;
}

PdStore *
pd_ctl_open_store (PdCtl   *ctl,
                   GError **error)
{
  return open_store (ctl, FALSE, error);
}

PdStore *
pd_ctl_create_store (PdCtl   *ctl,
                     GError **error)
{
  return open_store (ctl, TRUE, error);
}

PdUser *
pd_ctl_login (PdCtl   *ctl,
              GError **error)
{
  g_autofree char *user_name = NULL;
  g_autoptr(PdCtlSecret) password = NULL;
  PdStore *store;

  g_return_val_if_fail (ctl != NULL, NULL);

  if (ctl->actor != NULL)
    return ctl->actor;

  /* Open first: asking for a password only to say the database is
   * damaged would waste the person's time. */
  if ((store = pd_ctl_open_store (ctl, error)) == NULL)
    return NULL;

  if (!pd_ctl_prompt_credentials (&user_name, &password, error))
    return NULL;

  ctl->actor = pd_store_login (store, user_name, password, error);
  if (ctl->actor == NULL)
    return NULL;

  ctl->actor_password = g_steal_pointer (&password);

  return ctl->actor;
}

int
pd_ctl_fail (const GError *error)
{
  g_return_val_if_fail (error != NULL, PD_CTL_EXIT_FAILED);

  g_printerr ("%s: %s\n", g_get_prgname (), error->message);

  return PD_CTL_EXIT_FAILED;
}
