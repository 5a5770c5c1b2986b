/* pd-terminal-data.h — what the operator terminal shows: one work center's
 * dispatch list, read on a worker's connection
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pd-core.h"

G_BEGIN_DECLS

/* One operation of the dispatch list: the operation at the work center
 * and what the operator needs of its order. */
typedef struct
{
  char          *number;          /* the work order */
  char          *product_sku;
  char          *product_name;    /* or NULL */
  PdQty          qty;             /* ordered */
  char          *due;             /* ISO 8601 UTC */
  gint64         due_us;
  guint          priority;
  PdWoStatus     wo_status;
  guint          seq;
  char          *work_center_code;
  PdWoOpStatus   status;
  char          *planned_start;   /* or NULL */
  char          *planned_end;     /* or NULL */
  gint64         planned_start_us; /* G_MAXINT64 when not planned */
  PdQty          good;
  PdQty          scrap;
  gboolean       late;            /* planned to end after its due time, or due already */
  char          *instructions;    /* of the routing operation, or NULL */
} PdTerminalEntry;

typedef struct
{
  GPtrArray     *work_centers;    /* PdWorkCenter, by code */
  PdWorkCenter  *work_center;     /* the one asked for, or NULL */
  GPtrArray     *entries;         /* PdTerminalEntry in dispatch order */
} PdTerminalData;

void            pd_terminal_entry_free   (PdTerminalEntry *entry);
void            pd_terminal_data_free    (PdTerminalData  *data);

/* Reads the work centers and, when WORK_CENTER_CODE names one, the
 * operations at it of the orders issued, in progress or paused that are
 * not done, in dispatch order: planned start (unplanned last), then
 * priority, then due time, then number and sequence. NOW_US decides what
 * is late. Runs on any thread with STORE its own. */
PdTerminalData *pd_terminal_data_load    (PdStore         *store,
                                          const char      *work_center_code,
                                          gint64           now_us,
                                          GError         **error);

/* The dispatch lists of every work center, for supervisors: the entries
 * by work center code, each work center's in dispatch order; WORK_CENTER
 * is NULL. */
PdTerminalData *pd_terminal_data_load_all (PdStore        *store,
                                          gint64           now_us,
                                          GError         **error);

/* Ordered − good, never below zero. */
PdQty           pd_terminal_entry_get_remaining (const PdTerminalEntry *entry);
/* Running or paused: the operation someone is working on. */
gboolean        pd_terminal_entry_is_active     (const PdTerminalEntry *entry);

/* An ISO 8601 time as the operator reads it, in local time, or "—". */
char           *pd_terminal_format_time  (const char      *iso8601);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdTerminalData, pd_terminal_data_free)

G_END_DECLS
