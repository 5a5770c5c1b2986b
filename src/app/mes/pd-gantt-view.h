/* pd-gantt-view.h — the Gantt board: the schedule of work orders on
 * their work centers, with a toolbar and the selected bar's details
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "pd-core.h"

G_BEGIN_DECLS

#define PD_TYPE_GANTT_VIEW (pd_gantt_view_get_type ())

G_DECLARE_FINAL_TYPE (PdGanttView, pd_gantt_view, PD, GANTT_VIEW, GtkBox)

/* Reads the schedule off the UI thread and again whenever work orders or
 * master data change. USER may drag bars, schedule and unlock with
 * PD_PERMISSION_MES_PLAN; without it the board is read only. */
PdGanttView *pd_gantt_view_new (PdStore *store,
                                PdUser  *user);

G_END_DECLS
