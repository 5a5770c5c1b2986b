/* pd-gantt-chart.c
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two layers. The static one — rows, non-working time, grid, bars, the
 * left column and the axis — is recorded once into a render node whenever
 * the data, the size, the zoom or the scroll position change, and reused
 * as is for every other frame. The dynamic one — the now-line, the
 * selection and the ghost of a dragged bar — is drawn on top each frame,
 * so that a drag costs one pd_schedule_check_move() and a few rectangles
 * a motion event, however many bars there are. Only the bars of the
 * visible range are visited: each row keeps its operations sorted by start
 * and the longest one's duration, so a binary search finds the first bar
 * that may reach into view.
 */

#define G_LOG_DOMAIN "pd-gantt-chart"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "mes/pd-gantt-chart-private.h"

G_DEFINE_FINAL_TYPE_WITH_CODE (PdGanttChart, pd_gantt_chart, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SCROLLABLE, NULL))

enum {
  PROP_0,
  PROP_HADJUSTMENT,
  PROP_VADJUSTMENT,
  PROP_HSCROLL_POLICY,
  PROP_VSCROLL_POLICY,
  PROP_ZOOM,
  N_PROPS
};

enum {
  SELECTION_CHANGED,
  DRAG_CHANGED,
  MOVE_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

#define USEC_PER_MIN  (G_GINT64_CONSTANT (60) * G_USEC_PER_SEC)
#define USEC_PER_HOUR (60 * USEC_PER_MIN)
#define USEC_PER_DAY  (24 * USEC_PER_HOUR)

/* Pointer travel below this is a click, not a drag. */
#define DRAG_THRESHOLD 4.0

static const struct
{
  double  us_per_px;   /* the scale */
  gint64  snap;        /* a dragged start lands on multiples of this */
  int     minor_hours; /* a tick every so many hours */
  gboolean minor_labels;
} zooms[] = {
  [PD_GANTT_ZOOM_SHIFT] = { 30.0 * G_USEC_PER_SEC, 5 * USEC_PER_MIN, 1, TRUE },
  [PD_GANTT_ZOOM_DAY] = { 90.0 * G_USEC_PER_SEC, 15 * USEC_PER_MIN, 3, TRUE },
  [PD_GANTT_ZOOM_WEEK] = { 600.0 * G_USEC_PER_SEC, 60 * USEC_PER_MIN, 12, FALSE },
};

/* GLib 2.74 has no µs variants of these. */
GDateTime *
pd_gantt_local_time (gint64 t)
{
  g_autoptr(GDateTime) seconds = g_date_time_new_from_unix_local (t / G_USEC_PER_SEC);

  return g_date_time_add (seconds, t % G_USEC_PER_SEC);
}

gint64
_pd_gantt_dt_usec (GDateTime *dt)
{
  return g_date_time_to_unix (dt) * G_USEC_PER_SEC + g_date_time_get_microsecond (dt);
}

/* --- Geometry ---------------------------------------------------------- */

static double
page_width (PdGanttChart *self)
{
  return MAX (0, gtk_widget_get_width (GTK_WIDGET (self)) - PD_GANTT_LEFT_WIDTH);
}

double
_pd_gantt_chart_page_height (PdGanttChart *self)
{
  return MAX (0, gtk_widget_get_height (GTK_WIDGET (self)) - PD_GANTT_AXIS_HEIGHT);
}

static double
hvalue (PdGanttChart *self)
{
  return self->hadj ? gtk_adjustment_get_value (self->hadj) : 0;
}

double
_pd_gantt_chart_vvalue (PdGanttChart *self)
{
  return self->vadj ? gtk_adjustment_get_value (self->vadj) : 0;
}

double
_pd_gantt_chart_x_of (PdGanttChart *self,
      gint64        t)
{
  return PD_GANTT_LEFT_WIDTH + (double) (t - self->range_start) / zooms[self->zoom].us_per_px - hvalue (self);
}

gint64
pd_gantt_chart_time_at (PdGanttChart *self,
                        double        x)
{
  g_return_val_if_fail (PD_IS_GANTT_CHART (self), 0);

  return self->range_start + (gint64) ((x - PD_GANTT_LEFT_WIDTH + hvalue (self)) * zooms[self->zoom].us_per_px);
}

double
_pd_gantt_chart_row_top (PdGanttChart *self,
         guint         row)
{
  return PD_GANTT_AXIS_HEIGHT + (double) row * PD_GANTT_ROW_HEIGHT - _pd_gantt_chart_vvalue (self);
}

guint
_pd_gantt_chart_n_rows (PdGanttChart *self)
{
  return self->schedule ? pd_schedule_get_n_work_centers (self->schedule) : 0;
}

int
pd_gantt_chart_row_at (PdGanttChart *self,
                       double        y)
{
  double r;

  g_return_val_if_fail (PD_IS_GANTT_CHART (self), -1);

  if (y < PD_GANTT_AXIS_HEIGHT)
    return -1;
  r = (y - PD_GANTT_AXIS_HEIGHT + _pd_gantt_chart_vvalue (self)) / PD_GANTT_ROW_HEIGHT;
  if (r < 0 || r >= _pd_gantt_chart_n_rows (self))
    return -1;
  return (int) r;
}

static void
lane_box (PdGanttChart *self,
          guint         row,
          guint         lane,
          double       *y,
          double       *h)
{
  guint lanes = MAX (1, self->row_lanes[row]);
  double lane_h = (PD_GANTT_ROW_HEIGHT - 2.0 * PD_GANTT_BAR_PAD) / lanes;

  *y = _pd_gantt_chart_row_top (self, row) + PD_GANTT_BAR_PAD + lane * lane_h;
  *h = lanes > 1 ? lane_h - 1 : lane_h;
}

void
_pd_gantt_chart_span_rect (PdGanttChart    *self,
           guint            row,
           guint            lane,
           gint64           start,
           gint64           end,
           graphene_rect_t *rect)
{
  double x0 = _pd_gantt_chart_x_of (self, start);
  double x1 = _pd_gantt_chart_x_of (self, MAX (start, end));
  double y, h;

  lane_box (self, row, lane, &y, &h);
  graphene_rect_init (rect, x0, y, MAX (2.0, x1 - x0), h);
}

gboolean
pd_gantt_chart_get_bar_rect (PdGanttChart    *self,
                             guint            op,
                             graphene_rect_t *rect)
{
  const PdSchedOp *o;

  g_return_val_if_fail (PD_IS_GANTT_CHART (self), FALSE);

  if (!self->schedule || op >= pd_schedule_get_n_operations (self->schedule))
    return FALSE;
  o = pd_schedule_get_operation (self->schedule, op);
  if (o->start == 0)
    return FALSE;
  _pd_gantt_chart_span_rect (self, o->work_center, self->op_lane[op], o->start, o->end, rect);
  return TRUE;
}

/* --- The index ------------------------------------------------------- */

static void
clear_index (PdGanttChart *self)
{
  if (self->rows)
    {
      for (guint r = 0; r < self->n_index_rows; r++)
        g_array_unref (self->rows[r]);
    }
  g_clear_pointer (&self->rows, g_free);
  g_clear_pointer (&self->row_max_us, g_free);
  g_clear_pointer (&self->row_lanes, g_free);
  g_clear_pointer (&self->op_lane, g_free);
  self->n_index_rows = 0;
}

static PdSchedule *sort_schedule;

static int
compare_ops_by_start (gconstpointer a,
                      gconstpointer b)
{
  const PdSchedOp *x = pd_schedule_get_operation (sort_schedule, *(const guint *) a);
  const PdSchedOp *y = pd_schedule_get_operation (sort_schedule, *(const guint *) b);

  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  return (*(const guint *) a > *(const guint *) b) - (*(const guint *) a < *(const guint *) b);
}

/* Rows of operations sorted by start, with lanes for work centers that
 * run several at once (capacity > 1): each bar takes the first lane free
 * at its start. */
static void
build_index (PdGanttChart *self)
{
  guint n_ops, n_wc;
  gint64 min_t = G_MAXINT64, max_t = G_MININT64;
  gint64 now = g_get_real_time ();
  g_autoptr(GDateTime) first = NULL;
  g_autoptr(GDateTime) day = NULL;

  clear_index (self);
  if (!self->schedule)
    {
      self->range_start = now - USEC_PER_DAY;
      self->range_end = now + 14 * USEC_PER_DAY;
      return;
    }

  n_wc = pd_schedule_get_n_work_centers (self->schedule);
  n_ops = pd_schedule_get_n_operations (self->schedule);
  self->n_index_rows = n_wc;
  self->rows = g_new0 (GArray *, MAX (1, n_wc));
  self->row_max_us = g_new0 (gint64, MAX (1, n_wc));
  self->row_lanes = g_new0 (guint, MAX (1, n_wc));
  self->op_lane = g_new0 (guint, MAX (1, n_ops));
  for (guint r = 0; r < n_wc; r++)
    self->rows[r] = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < n_ops; i++)
    {
      const PdSchedOp *o = pd_schedule_get_operation (self->schedule, i);

      if (o->start == 0 || o->work_center >= n_wc)
        continue;
      g_array_append_val (self->rows[o->work_center], i);
      self->row_max_us[o->work_center] = MAX (self->row_max_us[o->work_center], o->end - o->start);
      min_t = MIN (min_t, o->start);
      max_t = MAX (max_t, MAX (o->start, o->end));
    }

  sort_schedule = self->schedule;
  for (guint r = 0; r < n_wc; r++)
    {
      g_autoptr(GArray) lane_end = g_array_new (FALSE, FALSE, sizeof (gint64));

      g_array_sort (self->rows[r], compare_ops_by_start);
      for (guint k = 0; k < self->rows[r]->len; k++)
        {
          guint i = g_array_index (self->rows[r], guint, k);
          const PdSchedOp *o = pd_schedule_get_operation (self->schedule, i);
          guint lane;

          for (lane = 0; lane < lane_end->len; lane++)
            if (g_array_index (lane_end, gint64, lane) <= o->start)
              break;
          if (lane == lane_end->len)
            g_array_append_val (lane_end, o->end);
          else
            g_array_index (lane_end, gint64, lane) = o->end;
          self->op_lane[i] = lane;
        }
      self->row_lanes[r] = MAX (1, lane_end->len);
    }
  sort_schedule = NULL;

  /* From the local midnight a day before the first bar (or now) to three
   * weeks after the last. */
  min_t = MIN (min_t, now) - USEC_PER_DAY;
  max_t = MAX (max_t == G_MININT64 ? now : max_t, now) + 21 * USEC_PER_DAY;
  first = pd_gantt_local_time (min_t);
  day = g_date_time_new_local (g_date_time_get_year (first), g_date_time_get_month (first),
                               g_date_time_get_day_of_month (first), 0, 0, 0);
  self->range_start = _pd_gantt_dt_usec (day);
  self->range_end = max_t;
}

/* The position in its row of the first operation that may reach past T. */
guint
_pd_gantt_chart_row_first_visible (PdGanttChart *self,
                   guint         row,
                   gint64        t)
{
  GArray *ops = self->rows[row];
  gint64 from = t - self->row_max_us[row];
  guint lo = 0, hi = ops->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      const PdSchedOp *o = pd_schedule_get_operation (self->schedule, g_array_index (ops, guint, mid));

      if (o->start < from)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* --- Adjustments ----------------------------------------------------- */

static void
invalidate (PdGanttChart *self)
{
  g_clear_pointer (&self->static_node, gsk_render_node_unref);
  g_clear_object (&self->static_texture);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
configure_adjustments (PdGanttChart *self)
{
  if (self->hadj)
    {
      double page = page_width (self);
      double upper = MAX (page, (double) (self->range_end - self->range_start) / zooms[self->zoom].us_per_px);
      double value = CLAMP (gtk_adjustment_get_value (self->hadj), 0, upper - page);

      gtk_adjustment_configure (self->hadj, value, 0, upper, page * 0.1, page * 0.9, page);
    }
  if (self->vadj)
    {
      double page = _pd_gantt_chart_page_height (self);
      double upper = MAX (page, (double) _pd_gantt_chart_n_rows (self) * PD_GANTT_ROW_HEIGHT);
      double value = CLAMP (gtk_adjustment_get_value (self->vadj), 0, upper - page);

      gtk_adjustment_configure (self->vadj, value, 0, upper, PD_GANTT_ROW_HEIGHT, page * 0.9, page);
    }
}

static void
adjustment_value_changed_cb (GtkAdjustment *adjustment,
                             PdGanttChart  *self)
{
  invalidate (self);
}

static void
set_adjustment (PdGanttChart   *self,
                GtkAdjustment **slot,
                GtkAdjustment  *adjustment)
{
  if (*slot == adjustment && adjustment)
    return;
  if (*slot)
    {
      g_signal_handlers_disconnect_by_func (*slot, adjustment_value_changed_cb, self);
      g_clear_object (slot);
    }
  if (!adjustment)
    adjustment = gtk_adjustment_new (0, 0, 0, 0, 0, 0);
  *slot = g_object_ref_sink (adjustment);
  g_signal_connect (adjustment, "value-changed", G_CALLBACK (adjustment_value_changed_cb), self);
  configure_adjustments (self);
  invalidate (self);
}

static void
scroll_to_x (PdGanttChart *self,
             double        value)
{
  if (!self->hadj)
    return;
  configure_adjustments (self);
  gtk_adjustment_set_value (self->hadj, value);
}

void
pd_gantt_chart_scroll_to_time (PdGanttChart *self,
                               gint64        t)
{
  g_return_if_fail (PD_IS_GANTT_CHART (self));

  /* A sixth of the page before T, so that what led up to it shows. */
  scroll_to_x (self, (double) (t - self->range_start) / zooms[self->zoom].us_per_px - page_width (self) / 6);
}

int
_pd_gantt_chart_get_tick_hours (PdGanttChart *self)
{
  return zooms[self->zoom].minor_hours;
}

/* --- Drawing: the dynamic layer -------------------------------------- */

static void
pd_gantt_chart_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  PdGanttChart *self = PD_GANTT_CHART (widget);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  gint64 now = self->now ? self->now : g_get_real_time ();
  graphene_rect_t rect;
  double x;

  if (!self->static_node || self->static_width != width || self->static_height != height)
    {
      GtkNative *native = gtk_widget_get_native (widget);
      GskRenderer *renderer = native ? gtk_native_get_renderer (native) : NULL;
      int scale = gtk_widget_get_scale_factor (widget);

      g_clear_pointer (&self->static_node, gsk_render_node_unref);
      g_clear_object (&self->static_texture);
      self->static_node = _pd_gantt_chart_build_static (self, width, height);
      self->static_width = width;
      self->static_height = height;

      /* Rendered once into a texture for GL, which draws the whole
       * frame again each time: each frame of a drag then draws one
       * texture instead of thousands of bars. Cairo redraws only what
       * changed (the node is the same one, so only the ghost's area),
       * and would convert the texture again each frame. */
      if (renderer && !GSK_IS_CAIRO_RENDERER (renderer) && self->static_node && width > 0 && height > 0)
        {
          g_autoptr(GskRenderNode) scaled = NULL;

          if (scale > 1)
            scaled = gsk_transform_node_new (self->static_node, gsk_transform_scale (NULL, scale, scale));
          else
            scaled = gsk_render_node_ref (self->static_node);
          self->static_texture = gsk_renderer_render_texture (renderer, scaled,
                                                              &GRAPHENE_RECT_INIT (0, 0, width * scale, height * scale));
        }
    }
  if (self->static_texture)
    gtk_snapshot_append_texture (snapshot, self->static_texture, &GRAPHENE_RECT_INIT (0, 0, width, height));
  else if (self->static_node)
    gtk_snapshot_append_node (snapshot, self->static_node);

  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (PD_GANTT_LEFT_WIDTH, PD_GANTT_AXIS_HEIGHT,
                                                         MAX (0, width - PD_GANTT_LEFT_WIDTH),
                                                         MAX (0, height - PD_GANTT_AXIS_HEIGHT)));
  x = _pd_gantt_chart_x_of (self, now);
  if (x >= PD_GANTT_LEFT_WIDTH && x <= width)
    _pd_gantt_append_rect (snapshot, &self->colors.now, x - 1, PD_GANTT_AXIS_HEIGHT, 2, height);

  if (self->selected >= 0 && pd_gantt_chart_get_bar_rect (self, self->selected, &rect))
    {
      graphene_rect_t ring;

      graphene_rect_inset_r (&rect, -3, -3, &ring);
      _pd_gantt_append_outline (snapshot, &ring, 2, &self->colors.fg);
    }

  if ((self->drag_active && self->drag_moved) || self->move_pending)
    {
      GdkRGBA color = self->drag_valid ? self->colors.valid : self->colors.invalid;

      pd_gantt_chart_get_ghost_rect (self, &rect);
      color.alpha = 0.55;
      gtk_snapshot_append_color (snapshot, &color, &rect);
      color.alpha = 1;
      _pd_gantt_append_outline (snapshot, &rect, 2, &color);
    }
  gtk_snapshot_pop (snapshot);
}

/* --- Size ------------------------------------------------------------ */

static void
pd_gantt_chart_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  PdGanttChart *self = PD_GANTT_CHART (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = PD_GANTT_LEFT_WIDTH + 160;
      *natural = PD_GANTT_LEFT_WIDTH + 800;
    }
  else
    {
      *minimum = PD_GANTT_AXIS_HEIGHT + 2 * PD_GANTT_ROW_HEIGHT;
      *natural = PD_GANTT_AXIS_HEIGHT + MAX (2, _pd_gantt_chart_n_rows (self)) * PD_GANTT_ROW_HEIGHT;
    }
}

static void
pd_gantt_chart_size_allocate (GtkWidget *widget,
                              int        width,
                              int        height,
                              int        baseline)
{
  PdGanttChart *self = PD_GANTT_CHART (widget);

  configure_adjustments (self);
  if (self->scroll_to_now_pending && width > 0)
    {
      self->scroll_to_now_pending = FALSE;
      pd_gantt_chart_scroll_to_time (self, self->now ? self->now : g_get_real_time ());
    }
}

static void
pd_gantt_chart_css_changed (GtkWidget         *widget,
                            GtkCssStyleChange *change)
{
  PdGanttChart *self = PD_GANTT_CHART (widget);
  GdkRGBA before[G_N_ELEMENTS (self->colors.state) + 10];

  GTK_WIDGET_CLASS (pd_gantt_chart_parent_class)->css_changed (widget, change);

  /* The window going to the backdrop and back changes the style but not
   * what the board draws with: no need to record it again then. */
  G_STATIC_ASSERT (sizeof before >= sizeof self->colors);
  memcpy (before, &self->colors, sizeof self->colors);
  _pd_gantt_chart_load_colors (self);
  if (memcmp (before, &self->colors, sizeof self->colors) != 0)
    invalidate (self);
}

/* --- Selection and the keyboard -------------------------------------- */

static void
update_description (PdGanttChart *self)
{
  g_autofree char *text = NULL;

  if (self->drag_active && self->drag_moved && !self->drag_valid && self->drag_message)
    text = g_strdup (self->drag_message);
  else if (self->schedule && self->selected >= 0)
    {
      const PdSchedOp *o = pd_schedule_get_operation (self->schedule, self->selected);
      const PdSchedOrder *order = pd_schedule_get_order (self->schedule, o->order);
      const PdSchedWorkCenter *wc = pd_schedule_get_work_center (self->schedule, o->work_center);

      /* TRANSLATORS: the selected bar of the schedule, for screen readers:
       * order number, operation seq, work center code */
      text = g_strdup_printf (_("Selected: %s, operation %u on %s"), order->number, o->seq, wc->code);
    }
  else
    text = g_strdup_printf (_("%u work centers, %u operations; arrow keys move the selection"),
                            _pd_gantt_chart_n_rows (self), self->schedule ? pd_schedule_get_n_operations (self->schedule) : 0);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
}

static void
select_op (PdGanttChart *self,
           int           op)
{
  if (self->selected == op)
    return;
  self->selected = op;
  update_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_signal_emit (self, signals[SELECTION_CHANGED], 0);
}

int
pd_gantt_chart_get_selected (PdGanttChart *self)
{
  g_return_val_if_fail (PD_IS_GANTT_CHART (self), -1);

  return self->selected;
}

static void
ensure_visible (PdGanttChart *self,
                guint         op)
{
  graphene_rect_t rect;

  if (!pd_gantt_chart_get_bar_rect (self, op, &rect))
    return;
  if (self->hadj && (rect.origin.x < PD_GANTT_LEFT_WIDTH || rect.origin.x > gtk_widget_get_width (GTK_WIDGET (self)) - 20))
    pd_gantt_chart_scroll_to_time (self, pd_schedule_get_operation (self->schedule, op)->start);
  if (self->vadj && rect.origin.y < PD_GANTT_AXIS_HEIGHT)
    gtk_adjustment_set_value (self->vadj, gtk_adjustment_get_value (self->vadj) - (PD_GANTT_AXIS_HEIGHT - rect.origin.y) - PD_GANTT_BAR_PAD);
  else if (self->vadj && rect.origin.y + rect.size.height > gtk_widget_get_height (GTK_WIDGET (self)))
    gtk_adjustment_set_value (self->vadj, gtk_adjustment_get_value (self->vadj)
                              + rect.origin.y + rect.size.height - gtk_widget_get_height (GTK_WIDGET (self)) + PD_GANTT_BAR_PAD);
}

void
pd_gantt_chart_set_selected (PdGanttChart *self,
                             int           op)
{
  g_return_if_fail (PD_IS_GANTT_CHART (self));

  if (!self->schedule || op >= (int) pd_schedule_get_n_operations (self->schedule))
    op = -1;
  select_op (self, op);
  if (op >= 0)
    ensure_visible (self, op);
}

/* The position of OP in its row's index. */
static guint
index_in_row (PdGanttChart *self,
              guint         op)
{
  GArray *ops = self->rows[pd_schedule_get_operation (self->schedule, op)->work_center];

  for (guint k = 0; k < ops->len; k++)
    if (g_array_index (ops, guint, k) == op)
      return k;
  return 0;
}

/* The bar of ROW that starts nearest T, or -1. */
static int
nearest_in_row (PdGanttChart *self,
                guint         row,
                gint64        t)
{
  GArray *ops = self->rows[row];
  gint64 best_d = G_MAXINT64;
  int best = -1;

  for (guint k = 0; k < ops->len; k++)
    {
      guint op = g_array_index (ops, guint, k);
      gint64 d = ABS (pd_schedule_get_operation (self->schedule, op)->start - t);

      if (d < best_d)
        {
          best_d = d;
          best = op;
        }
    }
  return best;
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                PdGanttChart          *self)
{
  const PdSchedOp *o;
  int next = -1;

  if (!self->schedule || _pd_gantt_chart_n_rows (self) == 0)
    return FALSE;
  if (keyval == GDK_KEY_Escape && self->drag_active)
    {
      pd_gantt_chart_cancel_move (self);
      return TRUE;
    }
  if (keyval != GDK_KEY_Left && keyval != GDK_KEY_Right && keyval != GDK_KEY_Up && keyval != GDK_KEY_Down)
    return FALSE;

  if (self->selected < 0)
    {
      gint64 t = pd_gantt_chart_time_at (self, PD_GANTT_LEFT_WIDTH);

      for (guint r = 0; r < _pd_gantt_chart_n_rows (self) && next < 0; r++)
        next = nearest_in_row (self, r, t);
    }
  else
    {
      guint k;

      o = pd_schedule_get_operation (self->schedule, self->selected);
      k = index_in_row (self, self->selected);
      if (keyval == GDK_KEY_Left && k > 0)
        next = g_array_index (self->rows[o->work_center], guint, k - 1);
      else if (keyval == GDK_KEY_Right && k + 1 < self->rows[o->work_center]->len)
        next = g_array_index (self->rows[o->work_center], guint, k + 1);
      else if (keyval == GDK_KEY_Up)
        for (int r = (int) o->work_center - 1; r >= 0 && next < 0; r--)
          next = nearest_in_row (self, r, o->start);
      else if (keyval == GDK_KEY_Down)
        for (guint r = o->work_center + 1; r < _pd_gantt_chart_n_rows (self) && next < 0; r++)
          next = nearest_in_row (self, r, o->start);
    }
  if (next >= 0)
    pd_gantt_chart_set_selected (self, next);
  return TRUE;
}

/* --- Dragging -------------------------------------------------------- */

static int
hit_test (PdGanttChart *self,
          double        x,
          double        y)
{
  int row = pd_gantt_chart_row_at (self, y);
  gint64 t;
  GArray *ops;

  if (row < 0 || x < PD_GANTT_LEFT_WIDTH)
    return -1;
  t = pd_gantt_chart_time_at (self, x);
  ops = self->rows[row];
  for (guint k = _pd_gantt_chart_row_first_visible (self, row, t); k < ops->len; k++)
    {
      guint op = g_array_index (ops, guint, k);
      graphene_rect_t rect;

      if (pd_schedule_get_operation (self->schedule, op)->start > t + 2 * zooms[self->zoom].us_per_px)
        break;
      pd_gantt_chart_get_bar_rect (self, op, &rect);
      if (graphene_rect_contains_point (&rect, &GRAPHENE_POINT_INIT (x, y)))
        return op;
    }
  return -1;
}

void
pd_gantt_chart_drag_begin (PdGanttChart *self,
                           double        x,
                           double        y)
{
  int op;

  g_return_if_fail (PD_IS_GANTT_CHART (self));

  if (!self->schedule || self->move_pending)
    return;
  op = hit_test (self, x, y);
  select_op (self, op);
  if (op < 0 || !self->editable)
    return;
  if (pd_schedule_get_operation (self->schedule, op)->state != PD_SCHED_FREE &&
      pd_schedule_get_operation (self->schedule, op)->state != PD_SCHED_LOCKED)
    return;

  self->drag_active = TRUE;
  self->drag_moved = FALSE;
  self->drag_op = op;
  self->drag_x0 = x;
  self->drag_y0 = y;
  self->drag_h0 = hvalue (self);
  self->drag_dx = 0;
  self->drag_dy = 0;
  self->drag_wc = pd_schedule_get_operation (self->schedule, op)->work_center;
  self->drag_start = pd_schedule_get_operation (self->schedule, op)->start;
  self->drag_end = pd_schedule_get_operation (self->schedule, op)->end;
  self->drag_valid = TRUE;
  g_clear_pointer (&self->drag_message, g_free);
}

static gboolean
same_kind (const PdSchedWorkCenter *a,
           const PdSchedWorkCenter *b)
{
  return a == b || (a->kind && b->kind && g_strcmp0 (a->kind, b->kind) == 0);
}

/* Near the left or right edge of the board, a drag scrolls it, faster
 * the nearer the pointer: a bar can be taken to next week. */
#define AUTOSCROLL_EDGE 48.0

static double
autoscroll_speed (PdGanttChart *self)
{
  double x = self->drag_x0 + self->drag_dx;
  double right = gtk_widget_get_width (GTK_WIDGET (self)) - AUTOSCROLL_EDGE;
  double left = PD_GANTT_LEFT_WIDTH + AUTOSCROLL_EDGE;

  if (!self->drag_active || !self->drag_moved || !self->hadj)
    return 0;
  if (x > right)
    return MIN (x - right, AUTOSCROLL_EDGE) / 3;
  if (x < left)
    return -MIN (left - x, AUTOSCROLL_EDGE) / 3;
  return 0;
}

static gboolean
autoscroll_tick_cb (GtkWidget     *widget,
                    GdkFrameClock *frame_clock,
                    gpointer       user_data)
{
  PdGanttChart *self = PD_GANTT_CHART (widget);
  double speed = autoscroll_speed (self);
  double value;

  if (speed == 0)
    {
      self->autoscroll_id = 0;
      return G_SOURCE_REMOVE;
    }
  value = gtk_adjustment_get_value (self->hadj);
  gtk_adjustment_set_value (self->hadj, value + speed);
  if (gtk_adjustment_get_value (self->hadj) != value)
    {
      self->drag_message_valid = FALSE;
      pd_gantt_chart_drag_update (self, self->drag_dx, self->drag_dy);
    }
  return G_SOURCE_CONTINUE;
}

static void
update_autoscroll (PdGanttChart *self)
{
  if (autoscroll_speed (self) != 0 && self->autoscroll_id == 0)
    self->autoscroll_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), autoscroll_tick_cb, NULL, NULL);
}

static void
stop_autoscroll (PdGanttChart *self)
{
  if (self->autoscroll_id)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->autoscroll_id);
  self->autoscroll_id = 0;
}

void
pd_gantt_chart_drag_update (PdGanttChart *self,
                            double        dx,
                            double        dy)
{
  const PdSchedOp *o;
  const PdSchedWorkCenter *from, *to;
  g_autoptr(GError) error = NULL;
  gint64 snap, start, end = 0;
  int row;

  g_return_if_fail (PD_IS_GANTT_CHART (self));

  if (!self->drag_active)
    return;
  self->drag_dx = dx;
  self->drag_dy = dy;
  if (!self->drag_moved && ABS (dx) < DRAG_THRESHOLD && ABS (dy) < DRAG_THRESHOLD)
    return;
  update_autoscroll (self);
  self->drag_moved = TRUE;

  o = pd_schedule_get_operation (self->schedule, self->drag_op);
  snap = zooms[self->zoom].snap;
  /* The board may have scrolled under the pointer since the drag began. */
  start = o->start + (gint64) ((dx + hvalue (self) - self->drag_h0) * zooms[self->zoom].us_per_px);
  start = ((start + snap / 2) / snap) * snap;
  row = pd_gantt_chart_row_at (self, self->drag_y0 + dy);
  if (row < 0)
    row = o->work_center;

  if (start == self->drag_start && (guint) row == self->drag_wc && self->drag_message_valid)
    return;   /* the same spot: nothing to check again */
  self->drag_start = start;
  self->drag_wc = row;
  self->drag_message_valid = TRUE;
  g_clear_pointer (&self->drag_message, g_free);

  from = pd_schedule_get_work_center (self->schedule, o->work_center);
  to = pd_schedule_get_work_center (self->schedule, row);
  if (!same_kind (from, to))
    {
      self->drag_valid = FALSE;
      self->drag_end = start + (o->end - o->start);
      /* TRANSLATORS: dragging a bar to another work center's row:
       * the target's code, its kind (or "none"), the origin's code */
      self->drag_message = g_strdup_printf (_("%s is not of the kind of %s (%s): operations move only between work centers of the same kind."),
                                            to->code, from->code, from->kind ? from->kind : _("none"));
    }
  else
    {
      self->drag_valid = pd_schedule_check_move (self->schedule, self->drag_op, row, start, &end, &error);
      self->drag_end = end > start && end != G_MAXINT64 ? end : start + (o->end - o->start);
      if (!self->drag_valid)
        self->drag_message = g_strdup (error ? error->message : _("This move is not allowed."));
    }
  update_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_signal_emit (self, signals[DRAG_CHANGED], 0);
}

void
pd_gantt_chart_drag_end (PdGanttChart *self)
{
  const PdSchedOp *o;
  gboolean request;

  g_return_if_fail (PD_IS_GANTT_CHART (self));

  if (!self->drag_active)
    return;
  stop_autoscroll (self);
  self->drag_active = FALSE;
  self->drag_message_valid = FALSE;
  o = pd_schedule_get_operation (self->schedule, self->drag_op);
  request = self->drag_moved && self->drag_valid &&
            (self->drag_start != o->start || self->drag_wc != o->work_center);
  self->drag_moved = FALSE;
  self->move_pending = request;
  update_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_signal_emit (self, signals[DRAG_CHANGED], 0);
  if (request)
    g_signal_emit (self, signals[MOVE_REQUESTED], 0, self->drag_op, self->drag_wc, self->drag_start);
}

void
pd_gantt_chart_cancel_move (PdGanttChart *self)
{
  g_return_if_fail (PD_IS_GANTT_CHART (self));

  if (!self->move_pending && !self->drag_active)
    return;
  stop_autoscroll (self);
  self->move_pending = FALSE;
  self->drag_active = FALSE;
  self->drag_moved = FALSE;
  self->drag_message_valid = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_signal_emit (self, signals[DRAG_CHANGED], 0);
}

gboolean
pd_gantt_chart_get_drag (PdGanttChart *self,
                         guint        *op,
                         guint        *work_center,
                         gint64       *start,
                         gboolean     *valid,
                         const char  **message)
{
  g_return_val_if_fail (PD_IS_GANTT_CHART (self), FALSE);

  if (!((self->drag_active && self->drag_moved) || self->move_pending))
    return FALSE;
  if (op)
    *op = self->drag_op;
  if (work_center)
    *work_center = self->drag_wc;
  if (start)
    *start = self->drag_start;
  if (valid)
    *valid = self->drag_valid;
  if (message)
    *message = self->drag_message;
  return TRUE;
}

gboolean
pd_gantt_chart_get_ghost_rect (PdGanttChart    *self,
                               graphene_rect_t *rect)
{
  g_return_val_if_fail (PD_IS_GANTT_CHART (self), FALSE);

  if (!((self->drag_active && self->drag_moved) || self->move_pending))
    return FALSE;
  _pd_gantt_chart_span_rect (self, self->drag_wc, 0, self->drag_start, self->drag_end, rect);
  rect->size.height = PD_GANTT_ROW_HEIGHT - 2.0 * PD_GANTT_BAR_PAD;
  return TRUE;
}

static void
gesture_drag_begin_cb (GtkGestureDrag *gesture,
                       double          x,
                       double          y,
                       PdGanttChart   *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self));
  pd_gantt_chart_drag_begin (self, x, y);
  if (self->drag_active)
    gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

static void
gesture_drag_update_cb (GtkGestureDrag *gesture,
                        double          dx,
                        double          dy,
                        PdGanttChart   *self)
{
  pd_gantt_chart_drag_update (self, dx, dy);
}

static void
gesture_drag_end_cb (GtkGestureDrag *gesture,
                     double          dx,
                     double          dy,
                     PdGanttChart   *self)
{
  pd_gantt_chart_drag_end (self);
}

/* Ctrl+scroll zooms; plain scrolling is left to the scrolled window. */
static gboolean
scroll_cb (GtkEventControllerScroll *controller,
           double                    dx,
           double                    dy,
           PdGanttChart             *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));

  if (!(state & GDK_CONTROL_MASK) || dy == 0)
    return FALSE;
  if (dy < 0 && self->zoom > PD_GANTT_ZOOM_SHIFT)
    pd_gantt_chart_set_zoom (self, self->zoom - 1);
  else if (dy > 0 && self->zoom < PD_GANTT_ZOOM_WEEK)
    pd_gantt_chart_set_zoom (self, self->zoom + 1);
  return TRUE;
}

/* --- Model ----------------------------------------------------------- */

void
pd_gantt_chart_set_schedule (PdGanttChart *self,
                             PdSchedule   *schedule,
                             GHashTable   *names)
{
  gint64 left = 0, sel_order = 0;
  guint sel_seq = 0;
  gboolean had = self->schedule != NULL;

  g_return_if_fail (PD_IS_GANTT_CHART (self));

  if (had)
    left = pd_gantt_chart_time_at (self, PD_GANTT_LEFT_WIDTH);
  if (had && self->selected >= 0)
    {
      const PdSchedOp *o = pd_schedule_get_operation (self->schedule, self->selected);

      sel_order = pd_schedule_get_order (self->schedule, o->order)->id;
      sel_seq = o->seq;
    }

  stop_autoscroll (self);
  self->drag_active = FALSE;
  self->drag_moved = FALSE;
  self->move_pending = FALSE;
  self->selected = -1;
  g_clear_pointer (&self->schedule, pd_schedule_free);
  g_clear_pointer (&self->names, g_hash_table_unref);
  self->schedule = schedule;
  self->names = names ? g_hash_table_ref (names) : NULL;
  build_index (self);

  if (schedule && sel_order)
    for (guint i = 0; i < pd_schedule_get_n_operations (schedule); i++)
      {
        const PdSchedOp *o = pd_schedule_get_operation (schedule, i);

        if (o->seq == sel_seq && pd_schedule_get_order (schedule, o->order)->id == sel_order)
          {
            self->selected = i;
            break;
          }
      }

  configure_adjustments (self);
  if (had)
    scroll_to_x (self, (double) (left - self->range_start) / zooms[self->zoom].us_per_px);
  else
    self->scroll_to_now_pending = TRUE;
  gtk_widget_queue_resize (GTK_WIDGET (self));
  invalidate (self);
  update_description (self);
  g_signal_emit (self, signals[SELECTION_CHANGED], 0);
  g_signal_emit (self, signals[DRAG_CHANGED], 0);
}

PdSchedule *
pd_gantt_chart_get_schedule (PdGanttChart *self)
{
  g_return_val_if_fail (PD_IS_GANTT_CHART (self), NULL);

  return self->schedule;
}

void
pd_gantt_chart_set_zoom (PdGanttChart *self,
                         PdGanttZoom   zoom)
{
  gint64 center;

  g_return_if_fail (PD_IS_GANTT_CHART (self));
  g_return_if_fail (zoom <= PD_GANTT_ZOOM_WEEK);

  if (self->zoom == zoom)
    return;
  center = pd_gantt_chart_time_at (self, PD_GANTT_LEFT_WIDTH + page_width (self) / 2);
  self->zoom = zoom;
  scroll_to_x (self, (double) (center - self->range_start) / zooms[zoom].us_per_px - page_width (self) / 2);
  invalidate (self);
  g_object_notify (G_OBJECT (self), "zoom");
}

PdGanttZoom
pd_gantt_chart_get_zoom (PdGanttChart *self)
{
  g_return_val_if_fail (PD_IS_GANTT_CHART (self), PD_GANTT_ZOOM_DAY);

  return self->zoom;
}

void
pd_gantt_chart_set_now (PdGanttChart *self,
                        gint64        now)
{
  g_return_if_fail (PD_IS_GANTT_CHART (self));

  self->now = now;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
pd_gantt_chart_set_editable (PdGanttChart *self,
                             gboolean      editable)
{
  g_return_if_fail (PD_IS_GANTT_CHART (self));

  self->editable = !!editable;
}

guint
pd_gantt_chart_get_n_static_builds (PdGanttChart *self)
{
  g_return_val_if_fail (PD_IS_GANTT_CHART (self), 0);

  return self->n_static_builds;
}

static gboolean
now_tick_cb (gpointer data)
{
  gtk_widget_queue_draw (GTK_WIDGET (data));
  return G_SOURCE_CONTINUE;
}

/* --- GObject --------------------------------------------------------- */

static void
pd_gantt_chart_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  PdGanttChart *self = PD_GANTT_CHART (object);

  switch (prop_id)
    {
    case PROP_HADJUSTMENT:
      g_value_set_object (value, self->hadj);
      break;
    case PROP_VADJUSTMENT:
      g_value_set_object (value, self->vadj);
      break;
    case PROP_HSCROLL_POLICY:
      g_value_set_enum (value, self->hscroll_policy);
      break;
    case PROP_VSCROLL_POLICY:
      g_value_set_enum (value, self->vscroll_policy);
      break;
    case PROP_ZOOM:
      g_value_set_int (value, self->zoom);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_gantt_chart_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  PdGanttChart *self = PD_GANTT_CHART (object);

  switch (prop_id)
    {
    case PROP_HADJUSTMENT:
      set_adjustment (self, &self->hadj, g_value_get_object (value));
      break;
    case PROP_VADJUSTMENT:
      set_adjustment (self, &self->vadj, g_value_get_object (value));
      break;
    case PROP_HSCROLL_POLICY:
      self->hscroll_policy = g_value_get_enum (value);
      break;
    case PROP_VSCROLL_POLICY:
      self->vscroll_policy = g_value_get_enum (value);
      break;
    case PROP_ZOOM:
      pd_gantt_chart_set_zoom (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_gantt_chart_dispose (GObject *object)
{
  PdGanttChart *self = PD_GANTT_CHART (object);

  g_clear_handle_id (&self->now_source, g_source_remove);
  stop_autoscroll (self);
  if (self->hadj)
    g_signal_handlers_disconnect_by_func (self->hadj, adjustment_value_changed_cb, self);
  if (self->vadj)
    g_signal_handlers_disconnect_by_func (self->vadj, adjustment_value_changed_cb, self);
  g_clear_object (&self->hadj);
  g_clear_object (&self->vadj);
  g_clear_pointer (&self->static_node, gsk_render_node_unref);
  g_clear_object (&self->static_texture);

  G_OBJECT_CLASS (pd_gantt_chart_parent_class)->dispose (object);
}

static void
pd_gantt_chart_finalize (GObject *object)
{
  PdGanttChart *self = PD_GANTT_CHART (object);

  clear_index (self);
  g_clear_pointer (&self->schedule, pd_schedule_free);
  g_clear_pointer (&self->names, g_hash_table_unref);
  g_free (self->drag_message);

  G_OBJECT_CLASS (pd_gantt_chart_parent_class)->finalize (object);
}

static void
pd_gantt_chart_class_init (PdGanttChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = pd_gantt_chart_get_property;
  object_class->set_property = pd_gantt_chart_set_property;
  object_class->dispose = pd_gantt_chart_dispose;
  object_class->finalize = pd_gantt_chart_finalize;

  widget_class->snapshot = pd_gantt_chart_snapshot;
  widget_class->measure = pd_gantt_chart_measure;
  widget_class->size_allocate = pd_gantt_chart_size_allocate;
  widget_class->css_changed = pd_gantt_chart_css_changed;

  g_object_class_override_property (object_class, PROP_HADJUSTMENT, "hadjustment");
  g_object_class_override_property (object_class, PROP_VADJUSTMENT, "vadjustment");
  g_object_class_override_property (object_class, PROP_HSCROLL_POLICY, "hscroll-policy");
  g_object_class_override_property (object_class, PROP_VSCROLL_POLICY, "vscroll-policy");
  /* The zoom, as an int (PdGanttZoom), for notifications. */
  g_object_class_install_property (object_class, PROP_ZOOM,
                                   g_param_spec_int ("zoom", NULL, NULL,
                                                     PD_GANTT_ZOOM_SHIFT, PD_GANTT_ZOOM_WEEK, PD_GANTT_ZOOM_DAY,
                                                     G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  signals[SELECTION_CHANGED] = g_signal_new ("selection-changed", G_TYPE_FROM_CLASS (klass),
                                             G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[DRAG_CHANGED] = g_signal_new ("drag-changed", G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[MOVE_REQUESTED] = g_signal_new ("move-requested", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE,
                                          3, G_TYPE_UINT, G_TYPE_UINT, G_TYPE_INT64);

  gtk_widget_class_set_css_name (widget_class, "gantt-chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
pd_gantt_chart_init (PdGanttChart *self)
{
  GtkGesture *drag = gtk_gesture_drag_new ();
  GtkEventController *key = gtk_event_controller_key_new ();
  GtkEventController *scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);

  self->zoom = PD_GANTT_ZOOM_DAY;
  self->selected = -1;
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  build_index (self);

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), GDK_BUTTON_PRIMARY);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (gesture_drag_begin_cb), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (gesture_drag_update_cb), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (gesture_drag_end_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));

  g_signal_connect (key, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), key);

  g_signal_connect (scroll, "scroll", G_CALLBACK (scroll_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), scroll);

  /* The now-line moves a pixel every 30 s at the shift zoom. */
  self->now_source = g_timeout_add_seconds (30, now_tick_cb, self);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Schedule board"), -1);
  update_description (self);
}

PdGanttChart *
pd_gantt_chart_new (void)
{
  return g_object_new (PD_TYPE_GANTT_CHART, NULL);
}
