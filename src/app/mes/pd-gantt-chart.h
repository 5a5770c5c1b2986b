/* pd-gantt-chart.h — the Gantt board's drawing: work centers as rows,
 * operations as bars, a time axis, dragging bars
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "pd-schedule.h"

G_BEGIN_DECLS

typedef enum
{
  PD_GANTT_ZOOM_SHIFT,
  PD_GANTT_ZOOM_DAY,
  PD_GANTT_ZOOM_WEEK,
} PdGanttZoom;

#define PD_TYPE_GANTT_CHART (pd_gantt_chart_get_type ())

G_DECLARE_FINAL_TYPE (PdGanttChart, pd_gantt_chart, PD, GANTT_CHART, GtkWidget)

/* A chart that scrolls (GtkScrollable) through time horizontally and
 * through work centers vertically; its left column (code and name) and
 * time axis stay in place.
 *
 * Signals:
 * - "selection-changed": the selected bar changed;
 * - "drag-changed": a drag began, moved or ended (see
 *   pd_gantt_chart_get_drag());
 * - "move-requested" (guint op, guint work_center, gint64 start): a bar
 *   was dropped where pd_schedule_check_move() allows it. The chart keeps
 *   the ghost there until pd_gantt_chart_set_schedule() or
 *   pd_gantt_chart_cancel_move(). */
PdGanttChart *pd_gantt_chart_new            (void);

/* Takes SCHEDULE (may be NULL); keeps the selection (by order and seq)
 * and the instant at the left edge. NAMES: work center id → name
 * (GHashTable of gint64* → char*, referenced; may be NULL). */
void          pd_gantt_chart_set_schedule   (PdGanttChart *self,
                                             PdSchedule   *schedule,
                                             GHashTable   *names);
PdSchedule   *pd_gantt_chart_get_schedule   (PdGanttChart *self);

void          pd_gantt_chart_set_zoom       (PdGanttChart *self,
                                             PdGanttZoom   zoom);
PdGanttZoom   pd_gantt_chart_get_zoom       (PdGanttChart *self);
/* Scrolls so that T (µs) is near the left of the visible range. */
void          pd_gantt_chart_scroll_to_time (PdGanttChart *self,
                                             gint64        t);
/* The instant drawn as the now-line (default: the real time). */
void          pd_gantt_chart_set_now        (PdGanttChart *self,
                                             gint64        now);

/* Whether bars may be dragged (users with PD_PERMISSION_MES_PLAN). */
void          pd_gantt_chart_set_editable   (PdGanttChart *self,
                                             gboolean      editable);

/* The selected operation's index in the schedule, or -1. */
int           pd_gantt_chart_get_selected   (PdGanttChart *self);
void          pd_gantt_chart_set_selected   (PdGanttChart *self,
                                             int           op);

/* While dragging (TRUE): the operation, the work center and start it
 * would move to, whether that is allowed, and the core's message when
 * not (owned by the chart). */
gboolean      pd_gantt_chart_get_drag       (PdGanttChart *self,
                                             guint        *op,
                                             guint        *work_center,
                                             gint64       *start,
                                             gboolean     *valid,
                                             const char  **message);
/* Where the ghost bar is drawn, in widget coordinates (dragging only). */
gboolean      pd_gantt_chart_get_ghost_rect (PdGanttChart    *self,
                                             graphene_rect_t *rect);
/* Drops the ghost of a requested move, or a drag under way (as Escape
 * does): the bar snaps back. */
void          pd_gantt_chart_cancel_move    (PdGanttChart *self);

/* The bar of OP in widget coordinates; FALSE when it is not placed. */
gboolean      pd_gantt_chart_get_bar_rect   (PdGanttChart    *self,
                                             guint            op,
                                             graphene_rect_t *rect);
/* The instant at X and the work center row at Y (-1 when none). */
gint64        pd_gantt_chart_time_at        (PdGanttChart *self,
                                             double        x);
int           pd_gantt_chart_row_at         (PdGanttChart *self,
                                             double        y);

/* The drag as the gesture drives it, in widget coordinates; tests call
 * them directly. */
void          pd_gantt_chart_drag_begin     (PdGanttChart *self,
                                             double        x,
                                             double        y);
void          pd_gantt_chart_drag_update    (PdGanttChart *self,
                                             double        dx,
                                             double        dy);
void          pd_gantt_chart_drag_end       (PdGanttChart *self);

/* Static layer rebuilds since creation (to check that a drag reuses it). */
guint         pd_gantt_chart_get_n_static_builds (PdGanttChart *self);

G_END_DECLS
