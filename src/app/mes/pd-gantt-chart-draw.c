/* pd-gantt-chart-draw.c — the Gantt chart's static layer: rows,
 * non-working time, grid, bars, the left column and the time axis
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-gantt-chart"

#include "config.h"

#include <glib/gi18n.h>

#include "mes/pd-gantt-chart-private.h"

/* --- Colours --------------------------------------------------------- */

static void
lookup_color (GtkWidget  *widget,
              const char *name,
              const char *fallback,
              GdkRGBA    *rgba)
{
  GtkStyleContext *context = gtk_widget_get_style_context (widget);

  if (!gtk_style_context_lookup_color (context, name, rgba))
    gdk_rgba_parse (rgba, fallback);
}

void
_pd_gantt_chart_load_colors (PdGanttChart *self)
{
  GtkWidget *w = GTK_WIDGET (self);

  gtk_style_context_get_color (gtk_widget_get_style_context (w), &self->colors.fg);
  lookup_color (w, "gantt_free_color", "#3584e4", &self->colors.state[PD_SCHED_FREE]);
  lookup_color (w, "gantt_locked_color", "#9141ac", &self->colors.state[PD_SCHED_LOCKED]);
  lookup_color (w, "gantt_running_color", "#e66100", &self->colors.state[PD_SCHED_RUNNING]);
  lookup_color (w, "gantt_done_color", "#77767b", &self->colors.state[PD_SCHED_DONE]);
  lookup_color (w, "gantt_late_color", "#e01b24", &self->colors.late);
  lookup_color (w, "gantt_valid_color", "#26a269", &self->colors.valid);
  lookup_color (w, "gantt_invalid_color", "#e01b24", &self->colors.invalid);
  lookup_color (w, "gantt_now_color", "#e01b24", &self->colors.now);
  lookup_color (w, "gantt_header_color", "#ebebeb", &self->colors.header);
  self->colors.bar_text = (GdkRGBA) { 1, 1, 1, 1 };
  self->colors.shade = self->colors.fg;
  self->colors.shade.alpha = 0.10;
  self->colors.grid = self->colors.fg;
  self->colors.grid.alpha = 0.12;
  self->colors.stripe = self->colors.fg;
  self->colors.stripe.alpha = 0.03;
}

/* --- Drawing: the static layer --------------------------------------- */

static void
append_text (GtkSnapshot   *snapshot,
             PangoLayout   *layout,
             double         x,
             double         y,
             const GdkRGBA *color)
{
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

void
_pd_gantt_append_rect (GtkSnapshot   *snapshot,
             const GdkRGBA *color,
             double         x,
             double         y,
             double         w,
             double         h)
{
  gtk_snapshot_append_color (snapshot, color, &GRAPHENE_RECT_INIT (x, y, w, h));
}

void
_pd_gantt_append_outline (GtkSnapshot     *snapshot,
                const graphene_rect_t *rect,
                double           width,
                const GdkRGBA   *color)
{
  GskRoundedRect outline;
  const float widths[4] = { width, width, width, width };
  const GdkRGBA colors[4] = { *color, *color, *color, *color };

  gsk_rounded_rect_init_from_rect (&outline, rect, 3);
  gtk_snapshot_append_border (snapshot, &outline, widths, colors);
}

static void
draw_shading (PdGanttChart *self,
              GtkSnapshot  *snapshot,
              guint         row,
              gint64        t0,
              gint64        t1,
              double        width)
{
  const PdSchedWorkCenter *wc = pd_schedule_get_work_center (self->schedule, row);
  g_autoptr(GArray) intervals = NULL;
  double y = _pd_gantt_chart_row_top (self, row);
  gint64 cursor = t0;

  if (!wc->calendar)
    return;
  intervals = pd_work_calendar_intervals (wc->calendar, t0, t1);
  for (guint i = 0; i <= intervals->len; i++)
    {
      gint64 gap_end = i < intervals->len ? g_array_index (intervals, PdInterval, i).start : t1;

      if (gap_end > cursor)
        {
          double x0 = MAX (PD_GANTT_LEFT_WIDTH, _pd_gantt_chart_x_of (self, cursor));
          double x1 = MIN (width, _pd_gantt_chart_x_of (self, gap_end));

          if (x1 > x0)
            _pd_gantt_append_rect (snapshot, &self->colors.shade, x0, y, x1 - x0, PD_GANTT_ROW_HEIGHT);
        }
      if (i < intervals->len)
        cursor = g_array_index (intervals, PdInterval, i).end;
    }
}

static void
draw_bar (PdGanttChart *self,
          GtkSnapshot  *snapshot,
          PangoLayout  *layout,
          guint         op,
          double        width)
{
  const PdSchedOp *o = pd_schedule_get_operation (self->schedule, op);
  const PdSchedOrder *order = pd_schedule_get_order (self->schedule, o->order);
  graphene_rect_t rect;
  GskRoundedRect rounded;
  double visible_x0, visible_w;

  _pd_gantt_chart_span_rect (self, o->work_center, self->op_lane[op], o->start, o->end, &rect);
  gsk_rounded_rect_init_from_rect (&rounded, &rect, MIN (3, rect.size.width / 2));
  gtk_snapshot_push_rounded_clip (snapshot, &rounded);
  gtk_snapshot_append_color (snapshot, &self->colors.state[MIN (o->state, PD_SCHED_DONE)], &rect);
  if (o->progress > 0)
    {
      GdkRGBA fill = { 0, 0, 0, 0.28 };

      _pd_gantt_append_rect (snapshot, &fill, rect.origin.x, rect.origin.y + rect.size.height * 0.65,
                   rect.size.width * CLAMP (o->progress, 0, 1), rect.size.height * 0.35);
    }

  /* "WO-000012 · 20" when it fits; the cheap width test first, so that
   * bars too narrow for any label cost no text layout. */
  visible_x0 = MAX (rect.origin.x, PD_GANTT_LEFT_WIDTH);
  visible_w = MIN (rect.origin.x + rect.size.width, width) - visible_x0;
  if (visible_w > 60 && rect.size.height >= 14)
    {
      char text[96];
      int tw, th;

      g_snprintf (text, sizeof text, "%s · %u", order->number, o->seq);
      pango_layout_set_text (layout, text, -1);
      pango_layout_get_pixel_size (layout, &tw, &th);
      if (tw + 10 <= visible_w && th <= rect.size.height + 2)
        append_text (snapshot, layout, visible_x0 + 5,
                     rect.origin.y + (rect.size.height - th) / 2, &self->colors.bar_text);
    }
  gtk_snapshot_pop (snapshot);

  if (order->late)
    {
      _pd_gantt_append_outline (snapshot, &rect, 2, &self->colors.late);
      /* A red badge with "!" at the bar's end. */
      if (rect.size.width > 14)
        {
          graphene_rect_t badge = GRAPHENE_RECT_INIT (rect.origin.x + rect.size.width - 14,
                                                      rect.origin.y + 1, 13, 13);
          GskRoundedRect circle;
          int tw, th;

          gsk_rounded_rect_init_from_rect (&circle, &badge, 6.5);
          gtk_snapshot_push_rounded_clip (snapshot, &circle);
          gtk_snapshot_append_color (snapshot, &self->colors.late, &badge);
          gtk_snapshot_pop (snapshot);
          pango_layout_set_text (layout, "!", -1);
          pango_layout_get_pixel_size (layout, &tw, &th);
          append_text (snapshot, layout, badge.origin.x + (13 - tw) / 2.0,
                       badge.origin.y + (13 - th) / 2.0, &self->colors.bar_text);
        }
    }
}

static void
draw_axis (PdGanttChart *self,
           GtkSnapshot  *snapshot,
           PangoLayout  *layout,
           gint64        t0,
           gint64        t1,
           double        width,
           double        height)
{
  g_autoptr(GDateTime) first = pd_gantt_local_time (t0);
  g_autoptr(GDateTime) day = g_date_time_new_local (g_date_time_get_year (first),
                                                    g_date_time_get_month (first),
                                                    g_date_time_get_day_of_month (first),
                                                    0, 0, 0);
  int step = _pd_gantt_chart_get_tick_hours (self);

  _pd_gantt_append_rect (snapshot, &self->colors.header, 0, 0, width, PD_GANTT_AXIS_HEIGHT);
  while (_pd_gantt_dt_usec (day) < t1)
    {
      g_autoptr(GDateTime) next = g_date_time_add_days (day, 1);
      double x = _pd_gantt_chart_x_of (self, _pd_gantt_dt_usec (day));
      g_autofree char *label = NULL;

      for (int h = step; h < 24; h += step)
        {
          g_autoptr(GDateTime) tick = g_date_time_add_hours (day, h);
          double tx = _pd_gantt_chart_x_of (self, _pd_gantt_dt_usec (tick));

          if (tx < PD_GANTT_LEFT_WIDTH || tx > width)
            continue;
          _pd_gantt_append_rect (snapshot, &self->colors.grid, tx, PD_GANTT_AXIS_HEIGHT - 6, 1, height);
          if (self->zoom != PD_GANTT_ZOOM_WEEK)
            {
              g_autofree char *hour = g_date_time_format (tick, "%H:%M");

              pango_layout_set_text (layout, hour, -1);
              append_text (snapshot, layout, tx + 3, PD_GANTT_AXIS_HEIGHT / 2.0, &self->colors.fg);
            }
        }

      if (x >= PD_GANTT_LEFT_WIDTH && x <= width)
        _pd_gantt_append_rect (snapshot, &self->colors.fg, x, 0, 1, height);
      /* TRANSLATORS: a day on the schedule's time axis, strftime format */
      label = g_date_time_format (day, _("%a %d %b"));
      pango_layout_set_text (layout, label, -1);
      append_text (snapshot, layout, MAX (x, PD_GANTT_LEFT_WIDTH) + 4, 2, &self->colors.fg);
      g_date_time_unref (day);
      day = g_steal_pointer (&next);
    }
  _pd_gantt_append_rect (snapshot, &self->colors.grid, 0, PD_GANTT_AXIS_HEIGHT - 1, width, 1);
}

static void
draw_left_column (PdGanttChart *self,
                  GtkSnapshot  *snapshot,
                  PangoLayout  *layout,
                  guint         first,
                  guint         last,
                  double        height)
{
  _pd_gantt_append_rect (snapshot, &self->colors.header, 0, PD_GANTT_AXIS_HEIGHT, PD_GANTT_LEFT_WIDTH, height);
  for (guint r = first; r < last; r++)
    {
      const PdSchedWorkCenter *wc = pd_schedule_get_work_center (self->schedule, r);
      const char *name = self->names ? g_hash_table_lookup (self->names, &wc->id) : NULL;
      g_autofree char *markup = NULL;
      double y = _pd_gantt_chart_row_top (self, r);

      markup = g_markup_printf_escaped ("<b>%s</b>\n<small>%s</small>", wc->code, name ? name : "");
      pango_layout_set_markup (layout, markup, -1);
      append_text (snapshot, layout, 8, y + 4, &self->colors.fg);
      _pd_gantt_append_rect (snapshot, &self->colors.grid, 0, y + PD_GANTT_ROW_HEIGHT - 1, PD_GANTT_LEFT_WIDTH, 1);
    }
  _pd_gantt_append_rect (snapshot, &self->colors.grid, PD_GANTT_LEFT_WIDTH - 1, 0, 1, height);
}

GskRenderNode *
_pd_gantt_chart_build_static (PdGanttChart *self,
              double        width,
              double        height)
{
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
  g_autoptr(PangoLayout) column_layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
  gint64 t0 = pd_gantt_chart_time_at (self, PD_GANTT_LEFT_WIDTH);
  gint64 t1 = pd_gantt_chart_time_at (self, width) + 1;
  guint first = 0, last = 0;

  self->n_static_builds++;
  _pd_gantt_chart_load_colors (self);
  pango_layout_set_width (column_layout, (PD_GANTT_LEFT_WIDTH - 12) * PANGO_SCALE);
  pango_layout_set_ellipsize (column_layout, PANGO_ELLIPSIZE_END);

  if (self->schedule && _pd_gantt_chart_n_rows (self) > 0)
    {
      double v = _pd_gantt_chart_vvalue (self);

      first = (guint) MAX (0, v / PD_GANTT_ROW_HEIGHT);
      last = MIN (_pd_gantt_chart_n_rows (self), (guint) ((v + _pd_gantt_chart_page_height (self)) / PD_GANTT_ROW_HEIGHT) + 1);
    }

  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (PD_GANTT_LEFT_WIDTH, PD_GANTT_AXIS_HEIGHT,
                                                         MAX (0, width - PD_GANTT_LEFT_WIDTH),
                                                         MAX (0, height - PD_GANTT_AXIS_HEIGHT)));
  for (guint r = first; r < last; r++)
    {
      double y = _pd_gantt_chart_row_top (self, r);

      if (r % 2 == 1)
        _pd_gantt_append_rect (snapshot, &self->colors.stripe, PD_GANTT_LEFT_WIDTH, y, width, PD_GANTT_ROW_HEIGHT);
      draw_shading (self, snapshot, r, t0, t1, width);
      _pd_gantt_append_rect (snapshot, &self->colors.grid, PD_GANTT_LEFT_WIDTH, y + PD_GANTT_ROW_HEIGHT - 1, width, 1);
    }
  for (guint r = first; r < last; r++)
    {
      GArray *ops = self->rows[r];

      for (guint k = _pd_gantt_chart_row_first_visible (self, r, t0); k < ops->len; k++)
        {
          guint op = g_array_index (ops, guint, k);
          const PdSchedOp *o = pd_schedule_get_operation (self->schedule, op);

          if (o->start > t1)
            break;
          if (o->end < t0)
            continue;
          draw_bar (self, snapshot, layout, op, width);
        }
    }
  gtk_snapshot_pop (snapshot);

  draw_axis (self, snapshot, layout, t0, t1, width, height);
  if (self->schedule)
    draw_left_column (self, snapshot, column_layout, first, last, height);
  else
    _pd_gantt_append_rect (snapshot, &self->colors.header, 0, PD_GANTT_AXIS_HEIGHT, PD_GANTT_LEFT_WIDTH, height);

  return gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
}
