/* pd-store-schedule.h — scheduling work orders in the store
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pd-schedule.h"
#include "pd-store.h"

G_BEGIN_DECLS

/* The default scheduling horizon: 365 days. */
#define PD_SCHEDULE_HORIZON (G_GINT64_CONSTANT (1000000) * 3600 * 24 * 365)

/* Schedules every released or scheduled work order (pd_schedule_run from
 * now) and writes the plans of the orders whose operations moved, all in
 * one write (PD_PERMISSION_MES_PLAN, audit "wo.schedule-all"; one
 * "schedule" event per order in wo_events; released orders become
 * scheduled). *SCHEDULE (may be NULL) gets the schedule, for printing. */
gboolean      pd_store_schedule_all        (PdStore       *self,
                                            PdUser        *actor,
                                            GTimeZone     *tz,
                                            PdSchedule   **schedule,
                                            GError       **error);

/* Moves operation SEQ of the order NUMBER to start at START (µs, UTC) on
 * the work center WORK_CENTER_CODE (NULL: where it is), locked there.
 * Inside the write the schedule is loaded again and the move checked by
 * pd_schedule_check_move(): a refusal changes nothing. PD_PERMISSION_MES_PLAN. */
gboolean      pd_store_move_operation      (PdStore       *self,
                                            PdUser        *actor,
                                            const char    *number,
                                            guint          seq,
                                            const char    *work_center_code,
                                            gint64         start,
                                            GTimeZone     *tz,
                                            GError       **error);

/* Unlocks operation SEQ of NUMBER (it keeps its times until the next
 * scheduling). PD_PERMISSION_MES_PLAN. */
gboolean      pd_store_unlock_operation    (PdStore       *self,
                                            PdUser        *actor,
                                            const char    *number,
                                            guint          seq,
                                            GError       **error);

G_END_DECLS
