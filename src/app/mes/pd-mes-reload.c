/* pd-mes-reload.c
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-mes-reload"

#include "config.h"

#include "mes/pd-mes-reload.h"

void
pd_mes_reload_init (PdMesReload      *reload,
                    guint             delay_ms,
                    PdMesReloadStart  start,
                    gpointer          owner)
{
  reload->start = start;
  reload->owner = owner;
  reload->delay_ms = delay_ms;
  reload->timeout_id = 0;
  reload->loading = FALSE;
  reload->again = FALSE;
}

void
pd_mes_reload_now (PdMesReload *reload)
{
  g_clear_handle_id (&reload->timeout_id, g_source_remove);
  if (reload->loading)
    {
      reload->again = TRUE;
      return;
    }
  reload->loading = TRUE;
  reload->start (reload->owner);
}

static gboolean
timeout_cb (gpointer user_data)
{
  PdMesReload *reload = user_data;

  reload->timeout_id = 0;
  pd_mes_reload_now (reload);
  return G_SOURCE_REMOVE;
}

void
pd_mes_reload_soon (PdMesReload *reload)
{
  if (reload->timeout_id == 0)
    reload->timeout_id = g_timeout_add (reload->delay_ms, timeout_cb, reload);
}

gboolean
pd_mes_reload_done (PdMesReload *reload)
{
  gboolean again = reload->again;

  pd_mes_reload_shown (reload);
  return !again;
}

void
pd_mes_reload_shown (PdMesReload *reload)
{
  reload->loading = FALSE;
  if (!reload->again)
    return;
  reload->again = FALSE;
  pd_mes_reload_now (reload);
}

void
pd_mes_reload_failed (PdMesReload *reload)
{
  reload->loading = FALSE;
}

gboolean
pd_mes_reload_is_busy (const PdMesReload *reload)
{
  return reload->loading || reload->timeout_id != 0;
}

void
pd_mes_reload_clear (PdMesReload *reload)
{
  g_clear_handle_id (&reload->timeout_id, g_source_remove);
}
