/* pd-gantt-chart-private.h — the Gantt chart's state, shared with its
 * tests and benchmark
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "mes/pd-gantt-chart.h"

G_BEGIN_DECLS

/* The fixed left column (work center code and name), the time axis and a
 * row, in pixels: rows tall enough to hit with a finger. */
#define PD_GANTT_LEFT_WIDTH  200
#define PD_GANTT_AXIS_HEIGHT  44
#define PD_GANTT_ROW_HEIGHT   48
#define PD_GANTT_BAR_PAD       6

struct _PdGanttChart
{
  GtkWidget      parent_instance;

  GtkAdjustment *hadj;
  GtkAdjustment *vadj;
  guint          hscroll_policy : 1;
  guint          vscroll_policy : 1;

  PdSchedule    *schedule;
  GHashTable    *names;
  /* Per work center: its operations' indices sorted by start, the
   * longest duration among them and how many lanes they need. */
  GArray       **rows;
  gint64        *row_max_us;
  guint         *row_lanes;
  guint         *op_lane;
  guint          n_index_rows;
  gint64         range_start;
  gint64         range_end;

  PdGanttZoom    zoom;
  gboolean       editable;
  gboolean       scroll_to_now_pending;
  gint64         now;                 /* 0: the real time */
  guint          now_source;
  int            selected;

  GskRenderNode *static_node;
  GdkTexture    *static_texture;
  double         static_width;
  double         static_height;
  guint          n_static_builds;

  gboolean       drag_active;
  gboolean       drag_moved;
  gboolean       drag_valid;
  gboolean       drag_message_valid;
  gboolean       move_pending;
  guint          drag_op;
  guint          drag_wc;
  gint64         drag_start;
  gint64         drag_end;
  double         drag_x0;
  double         drag_y0;
  double         drag_h0;             /* the scroll position at the start */
  double         drag_dx;
  double         drag_dy;
  guint          autoscroll_id;
  char          *drag_message;

  struct
  {
    GdkRGBA fg;
    GdkRGBA state[PD_SCHED_DONE + 1];
    GdkRGBA late;
    GdkRGBA valid;
    GdkRGBA invalid;
    GdkRGBA now;
    GdkRGBA header;
    GdkRGBA bar_text;
    GdkRGBA shade;
    GdkRGBA grid;
    GdkRGBA stripe;
  } colors;
};

/* Geometry (pd-gantt-chart.c), in widget coordinates. */
double         _pd_gantt_chart_x_of              (PdGanttChart    *self,
                                                  gint64           t);
double         _pd_gantt_chart_row_top           (PdGanttChart    *self,
                                                  guint            row);
guint          _pd_gantt_chart_n_rows            (PdGanttChart    *self);
double         _pd_gantt_chart_vvalue            (PdGanttChart    *self);
double         _pd_gantt_chart_page_height       (PdGanttChart    *self);
void           _pd_gantt_chart_span_rect         (PdGanttChart    *self,
                                                  guint            row,
                                                  guint            lane,
                                                  gint64           start,
                                                  gint64           end,
                                                  graphene_rect_t *rect);
/* The position in ROW's index of the first operation that may reach past T. */
guint          _pd_gantt_chart_row_first_visible (PdGanttChart    *self,
                                                  guint            row,
                                                  gint64           t);
/* Hours between the axis's minor ticks at the current zoom. */
int            _pd_gantt_chart_get_tick_hours    (PdGanttChart    *self);
gint64         _pd_gantt_dt_usec                 (GDateTime       *dt);

/* Drawing (pd-gantt-chart-draw.c). */
void           _pd_gantt_chart_load_colors       (PdGanttChart    *self);
GskRenderNode *_pd_gantt_chart_build_static      (PdGanttChart    *self,
                                                  double           width,
                                                  double           height);
void           _pd_gantt_append_rect             (GtkSnapshot     *snapshot,
                                                  const GdkRGBA   *color,
                                                  double           x,
                                                  double           y,
                                                  double           w,
                                                  double           h);
void           _pd_gantt_append_outline          (GtkSnapshot     *snapshot,
                                                  const graphene_rect_t *rect,
                                                  double           width,
                                                  const GdkRGBA   *color);

/* The local date and time of T (µs since the epoch). */
GDateTime *pd_gantt_local_time (gint64 t);

G_END_DECLS
