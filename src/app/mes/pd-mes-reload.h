/* pd-mes-reload.h — one read at a time, bursts of store signals read once:
 * the reload bookkeeping of the MES views
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Starts the owner's read (on a store worker); the owner calls
 * pd_mes_reload_done() or pd_mes_reload_failed() when it is back. */
typedef void (*PdMesReloadStart) (gpointer owner);

/* Embedded in the owner; pd_mes_reload_clear() in its dispose. */
typedef struct
{
  PdMesReloadStart start;
  gpointer         owner;        /* not owned */
  guint            delay_ms;
  guint            timeout_id;
  gboolean         loading;
  gboolean         again;
} PdMesReload;

void     pd_mes_reload_init    (PdMesReload      *reload,
                                guint             delay_ms,
                                PdMesReloadStart  start,
                                gpointer          owner);
/* Reads now, or once the read under way is back. */
void     pd_mes_reload_now     (PdMesReload      *reload);
/* Reads after the delay: a burst of calls (a report that also moves
 * stock, the machine's counts) becomes one read. */
void     pd_mes_reload_soon    (PdMesReload      *reload);
/* The read is back. TRUE: show it. FALSE: another was asked for while it
 * ran and has started; what came back is stale. */
gboolean pd_mes_reload_done    (PdMesReload      *reload);
/* For a view that shows every answer: the read is back and shown; starts
 * the one asked for meanwhile, if any. */
void     pd_mes_reload_shown   (PdMesReload      *reload);
/* The read failed, or was not started: nothing under way any more. */
void     pd_mes_reload_failed  (PdMesReload      *reload);
/* A read is under way or due. */
gboolean pd_mes_reload_is_busy (const PdMesReload *reload);
/* No read is due any more (dispose). */
void     pd_mes_reload_clear   (PdMesReload      *reload);

G_END_DECLS
