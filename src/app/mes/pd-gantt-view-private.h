/* pd-gantt-view-private.h — the Gantt view's parts, for its tests
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "mes/pd-gantt-chart.h"
#include "mes/pd-gantt-view.h"

G_BEGIN_DECLS

PdGanttChart *_pd_gantt_view_get_chart           (PdGanttView *self);
GtkButton    *_pd_gantt_view_get_schedule_button (PdGanttView *self);
GtkButton    *_pd_gantt_view_get_unlock_button   (PdGanttView *self);
GtkButton    *_pd_gantt_view_get_issue_button    (PdGanttView *self);
GtkButton    *_pd_gantt_view_get_today_button    (PdGanttView *self);
GtkToggleButton *_pd_gantt_view_get_zoom_button  (PdGanttView *self,
                                                  PdGanttZoom  zoom);
/* The message of the drag (over the chart), of the banner and the
 * selected bar's details. */
GtkLabel     *_pd_gantt_view_get_drag_label      (PdGanttView *self);
GtkLabel     *_pd_gantt_view_get_banner_label    (PdGanttView *self);
GtkRevealer  *_pd_gantt_view_get_banner          (PdGanttView *self);
GtkLabel     *_pd_gantt_view_get_info_label      (PdGanttView *self);
GtkLabel     *_pd_gantt_view_get_status_label    (PdGanttView *self);
/* Schedules read so far; jobs (moves, schedules, unlocks) answered. */
guint         _pd_gantt_view_get_n_loads         (PdGanttView *self);
guint         _pd_gantt_view_get_n_jobs_done     (PdGanttView *self);
gboolean      _pd_gantt_view_is_loading          (PdGanttView *self);

G_END_DECLS
