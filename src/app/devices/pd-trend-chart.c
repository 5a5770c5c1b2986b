/* pd-trend-chart.c
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-trend-chart"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "devices/pd-trend-chart.h"
#include "devices/pd-trend-view-private.h"

/* The chart is split the way Sysprof splits its charts: series hold the
 * data, axes hold the normalisation (computed once per change of data or
 * range), and the snapshot only draws what those two say. */

#define MIN_SPAN_US     (10 * G_USEC_PER_SEC)
#define MAX_SPAN_US     ((gint64) 400 * 24 * G_TIME_SPAN_HOUR)
#define AXIS_WIDTH      64
#define LEGEND_HEIGHT   24
#define TIME_AXIS_HEIGHT 22
#define PAD             6

typedef struct
{
  gint64   tag_id;
  char    *label;
  char    *unit;
  GArray  *buckets;     /* PdHistoryBucket, or NULL before the first read */
  gint64   bucket_us;
  guint    axis;        /* index into axes */
  GdkRGBA  color;
} Series;

typedef struct
{
  char   *unit;
  double  min;
  double  max;
  double  step;         /* between value ticks */
} Axis;

struct _PdTrendChart
{
  GtkWidget   parent_instance;

  gint64      from;
  gint64      to;
  GPtrArray  *series;   /* Series */
  GPtrArray  *axes;     /* Axis */
  gboolean    axes_valid;

  /* Interaction */
  gint64      drag_from;
  gint64      drag_to;
  gint64      pinch_from;
  gint64      pinch_to;
  double      pointer_x;

  /* The plot width at the last allocation, to tell the owner only about
   * real changes of it. */
  int         allocated_plot_width;
};

G_DEFINE_FINAL_TYPE (PdTrendChart, pd_trend_chart, GTK_TYPE_WIDGET)

enum {
  RANGE_CHANGED,
  PLOT_WIDTH_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Calm, distinguishable colours on a grey chart (ISA-101: colour carries
 * identity here, never alarm). */
static const char * const palette[] = {
  "#1c71d8", "#9141ac", "#26a269", "#c64600", "#613583", "#0d7377", "#865e3c", "#3d3846",
};

/* A moment in µs since the epoch as local time, to the second. */
static GDateTime *
local_date_time (gint64 ts)
{
  return g_date_time_new_from_unix_local (ts / G_USEC_PER_SEC);
}

/* What the legend says for SERIES: its name and, when it has one, its
 * unit. Only the first two units get a value axis, so for any further
 * unit the legend is the only place that names it. */
static char *
legend_text (const Series *series)
{
  if (series->unit != NULL && series->unit[0] != '\0')
    /* TRANSLATORS: a trend's legend entry: tag name and unit */
    return g_strdup_printf (_("%s (%s)"), series->label, series->unit);

  return g_strdup (series->label);
}

static void
series_free (gpointer data)
{
  Series *series = data;

  g_free (series->label);
  g_free (series->unit);
  g_clear_pointer (&series->buckets, g_array_unref);
  g_free (series);
}

static void
axis_free (gpointer data)
{
  Axis *axis = data;

  g_free (axis->unit);
  g_free (axis);
}

/* --- Normalisation ------------------------------------------------------ */

static double
nice_step (double span,
           int    n_ticks)
{
  double raw = span / MAX (n_ticks, 1);
  double magnitude = pow (10.0, floor (log10 (raw)));
  double fraction = raw / magnitude;

  if (fraction <= 1.0)
    return magnitude;
  if (fraction <= 2.0)
    return 2.0 * magnitude;
  if (fraction <= 5.0)
    return 5.0 * magnitude;
  return 10.0 * magnitude;
}

static void
ensure_axes (PdTrendChart *self)
{
  if (self->axes_valid)
    return;

  g_ptr_array_set_size (self->axes, 0);

  for (guint i = 0; i < self->series->len; i++)
    {
      Series *series = g_ptr_array_index (self->series, i);
      const char *unit = series->unit != NULL ? series->unit : "";
      Axis *axis = NULL;

      for (guint j = 0; j < self->axes->len; j++)
        {
          Axis *candidate = g_ptr_array_index (self->axes, j);

          if (g_str_equal (candidate->unit, unit))
            {
              axis = candidate;
              series->axis = j;
              break;
            }
        }

      if (axis == NULL)
        {
          axis = g_new0 (Axis, 1);
          axis->unit = g_strdup (unit);
          axis->min = INFINITY;
          axis->max = -INFINITY;
          series->axis = self->axes->len;
          g_ptr_array_add (self->axes, axis);
        }

      if (series->buckets == NULL)
        continue;

      for (guint k = 0; k < series->buckets->len; k++)
        {
          const PdHistoryBucket *bucket = &g_array_index (series->buckets, PdHistoryBucket, k);

          if (bucket->ts + series->bucket_us < self->from || bucket->ts >= self->to)
            continue;

          axis->min = MIN (axis->min, bucket->min);
          axis->max = MAX (axis->max, bucket->max);
        }
    }

  for (guint j = 0; j < self->axes->len; j++)
    {
      Axis *axis = g_ptr_array_index (self->axes, j);
      double span;

      if (!isfinite (axis->min) || !isfinite (axis->max))
        {
          axis->min = 0.0;
          axis->max = 1.0;
        }
      else if (axis->max - axis->min < 1e-9)
        {
          double half = MAX (fabs (axis->min) * 0.05, 0.5);

          axis->min -= half;
          axis->max += half;
        }

      span = axis->max - axis->min;
      axis->step = nice_step (span, 5);
      axis->min = floor (axis->min / axis->step) * axis->step;
      axis->max = ceil (axis->max / axis->step) * axis->step;
      if (axis->max <= axis->min)
        axis->max = axis->min + axis->step;
    }

  self->axes_valid = TRUE;
}

/* The time steps a tick may take, in seconds: round numbers of the clock. */
static const gint64 time_steps[] = {
  1, 2, 5, 10, 15, 30,
  60, 2 * 60, 5 * 60, 10 * 60, 15 * 60, 30 * 60,
  3600, 2 * 3600, 3 * 3600, 6 * 3600, 12 * 3600,
  86400, 2 * 86400, 7 * 86400, 14 * 86400, 30 * 86400,
};

static gint64
choose_time_step (gint64 span_us,
                  int    width)
{
  int max_ticks = MAX (2, width / 90);

  for (guint i = 0; i < G_N_ELEMENTS (time_steps); i++)
    if (span_us / (time_steps[i] * G_USEC_PER_SEC) <= max_ticks)
      return time_steps[i] * G_USEC_PER_SEC;

  return time_steps[G_N_ELEMENTS (time_steps) - 1] * G_USEC_PER_SEC;
}

static char *
format_tick (gint64 ts,
             gint64 step)
{
  g_autoptr(GDateTime) dt = local_date_time (ts);

  if (dt == NULL)
    return g_strdup ("");

  if (step >= G_TIME_SPAN_DAY)
    /* TRANSLATORS: a date on the time axis of a trend, strftime format */
    return g_date_time_format (dt, _("%m-%d"));
  if (g_date_time_get_hour (dt) == 0 && g_date_time_get_minute (dt) == 0 &&
      g_date_time_get_second (dt) == 0)
    /* TRANSLATORS: midnight on the time axis of a trend: the date, strftime format */
    return g_date_time_format (dt, _("%m-%d"));
  if (step < 60 * G_USEC_PER_SEC)
    return g_date_time_format (dt, "%H:%M:%S");

  return g_date_time_format (dt, "%H:%M");
}

static char *
format_value (double value,
              double step)
{
  int decimals = step >= 1.0 ? 0 : (int) ceil (-log10 (step));

  /* A tick at zero reached by adding steps is a rounding error away from
   * it, and must not read "-0". */
  if (fabs (value) < step * 1e-6)
    value = 0.0;

  return g_strdup_printf ("%.*f", CLAMP (decimals, 0, 6), value);
}

/* --- Drawing ------------------------------------------------------------ */

static void
get_plot_rect (PdTrendChart   *self,
               graphene_rect_t *rect)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  double right = self->axes != NULL && self->axes->len > 1 ? AXIS_WIDTH : PAD * 2;

  graphene_rect_init (rect,
                      AXIS_WIDTH,
                      LEGEND_HEIGHT + PAD,
                      MAX (1.0, width - AXIS_WIDTH - right),
                      MAX (1.0, height - LEGEND_HEIGHT - PAD - TIME_AXIS_HEIGHT));
}

static double
time_to_x (PdTrendChart          *self,
           const graphene_rect_t *plot,
           gint64                 ts)
{
  return plot->origin.x + (double) (ts - self->from) / (double) (self->to - self->from) * plot->size.width;
}

static double
value_to_y (const Axis            *axis,
            const graphene_rect_t *plot,
            double                 value)
{
  double fraction = (value - axis->min) / (axis->max - axis->min);

  return plot->origin.y + plot->size.height * (1.0 - fraction);
}

static void
draw_text (cairo_t     *cr,
           PangoLayout *layout,
           const char  *text,
           double       x,
           double       y,
           double       xalign)
{
  int w, h;

  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, &w, &h);
  cairo_move_to (cr, x - w * xalign, y);
  pango_cairo_show_layout (cr, layout);
}

/* One contiguous run of buckets: the band from min to max, then the
 * average on top. */
static void
draw_run (PdTrendChart          *self,
          cairo_t               *cr,
          const graphene_rect_t *plot,
          const Series          *series,
          const Axis            *axis,
          guint                  first,
          guint                  last)
{
  const PdHistoryBucket *buckets = (const PdHistoryBucket *) (gpointer) series->buckets->data;
  double half = series->bucket_us / 2.0;

  cairo_new_path (cr);
  for (guint i = first; i <= last; i++)
    {
      double x = time_to_x (self, plot, buckets[i].ts + (gint64) half);

      if (i == first)
        cairo_move_to (cr, x, value_to_y (axis, plot, buckets[i].max));
      else
        cairo_line_to (cr, x, value_to_y (axis, plot, buckets[i].max));
    }
  for (guint i = last + 1; i-- > first;)
    cairo_line_to (cr, time_to_x (self, plot, buckets[i].ts + (gint64) half),
                   value_to_y (axis, plot, buckets[i].min));
  cairo_close_path (cr);
  cairo_set_source_rgba (cr, series->color.red, series->color.green, series->color.blue, 0.25);
  cairo_fill_preserve (cr);
  cairo_set_line_width (cr, 1.0);
  cairo_stroke (cr);

  cairo_new_path (cr);
  for (guint i = first; i <= last; i++)
    {
      double x = time_to_x (self, plot, buckets[i].ts + (gint64) half);
      double y = value_to_y (axis, plot, buckets[i].avg);

      if (i == first)
        cairo_move_to (cr, x, y);
      else
        cairo_line_to (cr, x, y);
    }
  if (first == last)
    cairo_rel_line_to (cr, 0.5, 0);
  cairo_set_source_rgba (cr, series->color.red, series->color.green, series->color.blue, 1.0);
  cairo_set_line_width (cr, 2.0);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_stroke (cr);
}

static void
draw_series (PdTrendChart          *self,
             cairo_t               *cr,
             const graphene_rect_t *plot,
             const Series          *series)
{
  const Axis *axis = g_ptr_array_index (self->axes, series->axis);
  const PdHistoryBucket *buckets;
  guint first = 0;

  if (series->buckets == NULL || series->buckets->len == 0)
    return;

  buckets = (const PdHistoryBucket *) (gpointer) series->buckets->data;

  /* A bucket that did not come back had no good value: the line breaks
   * there instead of bridging the gap. */
  for (guint i = 1; i <= series->buckets->len; i++)
    {
      if (i == series->buckets->len ||
          buckets[i].ts - buckets[i - 1].ts > series->bucket_us + series->bucket_us / 2)
        {
          draw_run (self, cr, plot, series, axis, first, i - 1);
          first = i;
        }
    }
}

static void
pd_trend_chart_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  PdTrendChart *self = PD_TREND_CHART (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  g_autoptr(PangoLayout) layout = NULL;
  graphene_rect_t plot;
  GdkRGBA fg;
  cairo_t *cr;
  gint64 step;
  gint64 now;
  double legend_x;

  if (width <= 0 || height <= 0 || self->to <= self->from)
    return;

  ensure_axes (self);
  get_plot_rect (self, &plot);
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  G_GNUC_END_IGNORE_DEPRECATIONS

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  layout = gtk_widget_create_pango_layout (widget, NULL);

  /* Plot frame and grid: quiet greys. */
  cairo_set_line_width (cr, 1.0);
  cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.04);
  cairo_rectangle (cr, plot.origin.x, plot.origin.y, plot.size.width, plot.size.height);
  cairo_fill (cr);

  /* Time axis, aligned to the local clock. */
  step = choose_time_step (self->to - self->from, (int) plot.size.width);
  {
    g_autoptr(GDateTime) local = local_date_time (self->from);
    gint64 offset = local != NULL ? g_date_time_get_utc_offset (local) : 0;
    gint64 tick = ((self->from + offset) / step) * step - offset;

    for (; tick <= self->to; tick += step)
      {
        g_autofree char *text = NULL;
        double x;

        if (tick < self->from)
          continue;

        x = floor (time_to_x (self, &plot, tick)) + 0.5;
        cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.12);
        cairo_move_to (cr, x, plot.origin.y);
        cairo_line_to (cr, x, plot.origin.y + plot.size.height);
        cairo_stroke (cr);

        text = format_tick (tick, step);
        cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.7);
        draw_text (cr, layout, text, x, plot.origin.y + plot.size.height + 3, 0.5);
      }
  }

  /* Value axes: the first unit on the left, the second on the right. */
  for (guint j = 0; j < MIN (self->axes->len, 2); j++)
    {
      const Axis *axis = g_ptr_array_index (self->axes, j);
      double label_x = j == 0 ? plot.origin.x - 4 : plot.origin.x + plot.size.width + 4;
      double xalign = j == 0 ? 1.0 : 0.0;

      for (double v = axis->min; v <= axis->max + axis->step / 2; v += axis->step)
        {
          g_autofree char *text = format_value (v, axis->step);
          double y = floor (value_to_y (axis, &plot, v)) + 0.5;
          int h;

          if (j == 0)
            {
              cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.12);
              cairo_move_to (cr, plot.origin.x, y);
              cairo_line_to (cr, plot.origin.x + plot.size.width, y);
              cairo_stroke (cr);
            }

          pango_layout_set_text (layout, text, -1);
          pango_layout_get_pixel_size (layout, NULL, &h);
          cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.7);
          draw_text (cr, layout, text, label_x, y - h / 2.0, xalign);
        }

      if (axis->unit[0] != '\0')
        {
          cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.7);
          draw_text (cr, layout, axis->unit, j == 0 ? 4 : width - 4, PAD, 1.0 - xalign);
        }
    }

  /* The data, clipped to the plot. */
  cairo_save (cr);
  cairo_rectangle (cr, plot.origin.x, plot.origin.y, plot.size.width, plot.size.height);
  cairo_clip (cr);
  for (guint i = 0; i < self->series->len; i++)
    draw_series (self, cr, &plot, g_ptr_array_index (self->series, i));
  cairo_restore (cr);

  /* Now */
  now = g_get_real_time ();
  if (now >= self->from && now <= self->to)
    {
      double x = floor (time_to_x (self, &plot, now)) + 0.5;

      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.6);
      cairo_set_dash (cr, (double[]) { 4.0, 3.0 }, 2, 0);
      cairo_move_to (cr, x, plot.origin.y);
      cairo_line_to (cr, x, plot.origin.y + plot.size.height);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
    }

  /* Legend */
  legend_x = plot.origin.x;
  for (guint i = 0; i < self->series->len; i++)
    {
      const Series *series = g_ptr_array_index (self->series, i);
      g_autofree char *text = legend_text (series);
      int w;

      gdk_cairo_set_source_rgba (cr, &series->color);
      cairo_rectangle (cr, legend_x, PAD + 3, 14, 10);
      cairo_fill (cr);

      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.9);
      draw_text (cr, layout, text, legend_x + 18, PAD - 1, 0.0);
      pango_layout_get_pixel_size (layout, &w, NULL);
      legend_x += 18 + w + 16;
    }

  cairo_destroy (cr);
}

static void
pd_trend_chart_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 240;
      *natural = 640;
    }
  else
    {
      *minimum = 160;
      *natural = 320;
    }
}

/* GTK 4.8 has no signal for a plain widget's change of size, and a
 * GtkDrawingArea's "resize" would mean drawing with a callback instead of
 * snapshot(). The allocation is where a new width is known, so the chart
 * notices it here and emits "plot-width-changed" only when the plot's
 * width really changed. It neither reads nor queues a resize or a draw:
 * the owner decides whether the change is worth a new read and debounces
 * it, so a drag of the window's edge is one read once it pauses, and the
 * read's answer only queues a draw, which never allocates again. */
static void
pd_trend_chart_size_allocate (GtkWidget *widget,
                              int        width,
                              int        height,
                              int        baseline)
{
  PdTrendChart *self = PD_TREND_CHART (widget);
  int plot_width;

  plot_width = pd_trend_chart_get_plot_width (self);
  if (plot_width == self->allocated_plot_width)
    return;

  self->allocated_plot_width = plot_width;
  g_signal_emit (self, signals[PLOT_WIDTH_CHANGED], 0, plot_width);
}

/* --- Range -------------------------------------------------------------- */

static void
update_accessible_description (PdTrendChart *self)
{
  g_autoptr(GDateTime) from = local_date_time (self->from);
  g_autoptr(GDateTime) to = local_date_time (self->to);
  g_autofree char *from_text = NULL;
  g_autofree char *to_text = NULL;
  g_autofree char *description = NULL;

  if (from == NULL || to == NULL)
    return;

  from_text = g_date_time_format (from, "%Y-%m-%d %H:%M:%S");
  to_text = g_date_time_format (to, "%Y-%m-%d %H:%M:%S");
  /* TRANSLATORS: the accessible description of a trend chart */
  description = g_strdup_printf (_("From %s to %s"), from_text, to_text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

static gboolean
set_range_internal (PdTrendChart *self,
                    gint64        from,
                    gint64        to)
{
  gint64 span = CLAMP (to - from, MIN_SPAN_US, MAX_SPAN_US);

  if (to - from != span)
    {
      gint64 middle = from / 2 + to / 2;

      from = middle - span / 2;
      to = from + span;
    }

  if (from == self->from && to == self->to)
    return FALSE;

  self->from = from;
  self->to = to;
  self->axes_valid = FALSE;
  update_accessible_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));

  return TRUE;
}

static void
set_range_by_user (PdTrendChart *self,
                   gint64        from,
                   gint64        to)
{
  if (set_range_internal (self, from, to))
    g_signal_emit (self, signals[RANGE_CHANGED], 0, self->from, self->to);
}

/* --- Input -------------------------------------------------------------- */

static void
drag_begin_cb (PdTrendChart   *self,
               double          x,
               double          y,
               GtkGestureDrag *gesture)
{
  self->drag_from = self->from;
  self->drag_to = self->to;
}

static void
drag_update_cb (PdTrendChart   *self,
                double          offset_x,
                double          offset_y,
                GtkGestureDrag *gesture)
{
  graphene_rect_t plot;
  gint64 shift;

  get_plot_rect (self, &plot);
  shift = (gint64) (-offset_x / plot.size.width * (double) (self->drag_to - self->drag_from));
  set_range_by_user (self, self->drag_from + shift, self->drag_to + shift);
}

static void
motion_cb (PdTrendChart             *self,
           double                    x,
           double                    y,
           GtkEventControllerMotion *controller)
{
  self->pointer_x = x;
}

static double
anchor_at (PdTrendChart *self,
           double        x)
{
  graphene_rect_t plot;

  get_plot_rect (self, &plot);

  return CLAMP ((x - plot.origin.x) / plot.size.width, 0.0, 1.0);
}

static gboolean
scroll_cb (PdTrendChart             *self,
           double                    dx,
           double                    dy,
           GtkEventControllerScroll *controller)
{
  if (dy == 0.0)
    return GDK_EVENT_PROPAGATE;

  pd_trend_chart_zoom (self, pow (1.25, dy), anchor_at (self, self->pointer_x));

  return GDK_EVENT_STOP;
}

static void
pinch_begin_cb (PdTrendChart     *self,
                GdkEventSequence *sequence,
                GtkGesture       *gesture)
{
  self->pinch_from = self->from;
  self->pinch_to = self->to;
}

static void
pinch_scale_changed_cb (PdTrendChart   *self,
                        double          scale,
                        GtkGestureZoom *gesture)
{
  double cx = 0, cy = 0;
  double anchor;
  gint64 span;
  gint64 at;

  if (scale <= 0.0)
    return;

  gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &cx, &cy);
  anchor = anchor_at (self, cx);
  span = (gint64) ((double) (self->pinch_to - self->pinch_from) / scale);
  at = self->pinch_from + (gint64) (anchor * (double) (self->pinch_to - self->pinch_from));
  set_range_by_user (self, at - (gint64) (anchor * (double) span), at - (gint64) (anchor * (double) span) + span);
}

static gboolean
zoom_in_binding (GtkWidget *widget,
                 GVariant  *args,
                 gpointer   user_data)
{
  pd_trend_chart_zoom (PD_TREND_CHART (widget), 0.5, 0.5);
  return TRUE;
}

static gboolean
zoom_out_binding (GtkWidget *widget,
                  GVariant  *args,
                  gpointer   user_data)
{
  pd_trend_chart_zoom (PD_TREND_CHART (widget), 2.0, 0.5);
  return TRUE;
}

static gboolean
pan_back_binding (GtkWidget *widget,
                  GVariant  *args,
                  gpointer   user_data)
{
  pd_trend_chart_pan (PD_TREND_CHART (widget), -0.25);
  return TRUE;
}

static gboolean
pan_forward_binding (GtkWidget *widget,
                     GVariant  *args,
                     gpointer   user_data)
{
  pd_trend_chart_pan (PD_TREND_CHART (widget), 0.25);
  return TRUE;
}

/* --- GObject ------------------------------------------------------------ */

static void
pd_trend_chart_finalize (GObject *object)
{
  PdTrendChart *self = (PdTrendChart *) object;

  g_clear_pointer (&self->series, g_ptr_array_unref);
  g_clear_pointer (&self->axes, g_ptr_array_unref);

  G_OBJECT_CLASS (pd_trend_chart_parent_class)->finalize (object);
}

static void
pd_trend_chart_class_init (PdTrendChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = pd_trend_chart_finalize;

  widget_class->snapshot = pd_trend_chart_snapshot;
  widget_class->measure = pd_trend_chart_measure;
  widget_class->size_allocate = pd_trend_chart_size_allocate;

  signals[RANGE_CHANGED] =
    g_signal_new ("range-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_INT64);

  /* "plot-width-changed" (int width): the plot area got a new width in
   * pixels, as pd_trend_chart_get_plot_width() says, after an allocation.
   * Emitted from size_allocate(): handlers must not queue a resize. */
  signals[PLOT_WIDTH_CHANGED] =
    g_signal_new ("plot-width-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT);

  gtk_widget_class_add_binding (widget_class, GDK_KEY_plus, 0, zoom_in_binding, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Add, 0, zoom_in_binding, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_equal, 0, zoom_in_binding, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_minus, 0, zoom_out_binding, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Subtract, 0, zoom_out_binding, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Left, 0, pan_back_binding, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Right, 0, pan_forward_binding, NULL);

  gtk_widget_class_set_css_name (widget_class, "trendchart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
pd_trend_chart_init (PdTrendChart *self)
{
  GtkGesture *drag;
  GtkGesture *pinch;
  GtkEventController *scroll;
  GtkEventController *motion;

  self->series = g_ptr_array_new_with_free_func (series_free);
  self->axes = g_ptr_array_new_with_free_func (axis_free);
  self->to = g_get_real_time ();
  self->from = self->to - G_TIME_SPAN_HOUR;

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Trend chart"),
                                  -1);
  update_accessible_description (self);

  drag = gtk_gesture_drag_new ();
  g_signal_connect_swapped (drag, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect_swapped (drag, "drag-update", G_CALLBACK (drag_update_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));

  pinch = gtk_gesture_zoom_new ();
  g_signal_connect_swapped (pinch, "begin", G_CALLBACK (pinch_begin_cb), self);
  g_signal_connect_swapped (pinch, "scale-changed", G_CALLBACK (pinch_scale_changed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (pinch));

  scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  g_signal_connect_swapped (scroll, "scroll", G_CALLBACK (scroll_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), scroll);

  motion = gtk_event_controller_motion_new ();
  g_signal_connect_swapped (motion, "motion", G_CALLBACK (motion_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);
}

GtkWidget *
pd_trend_chart_new (void)
{
  return g_object_new (PD_TYPE_TREND_CHART, NULL);
}

void
pd_trend_chart_set_range (PdTrendChart *self,
                          gint64        from,
                          gint64        to)
{
  g_return_if_fail (PD_IS_TREND_CHART (self));
  g_return_if_fail (from < to);

  set_range_internal (self, from, to);
}

void
pd_trend_chart_get_range (PdTrendChart *self,
                          gint64       *from,
                          gint64       *to)
{
  g_return_if_fail (PD_IS_TREND_CHART (self));

  if (from != NULL)
    *from = self->from;
  if (to != NULL)
    *to = self->to;
}

void
pd_trend_chart_clear (PdTrendChart *self)
{
  g_return_if_fail (PD_IS_TREND_CHART (self));

  if (self->series->len == 0)
    return;

  g_ptr_array_set_size (self->series, 0);
  self->axes_valid = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
pd_trend_chart_add_series (PdTrendChart *self,
                           gint64        tag_id,
                           const char   *label,
                           const char   *unit)
{
  Series *series;

  g_return_val_if_fail (PD_IS_TREND_CHART (self), 0);
  g_return_val_if_fail (label != NULL, 0);

  series = g_new0 (Series, 1);
  series->tag_id = tag_id;
  series->label = g_strdup (label);
  series->unit = g_strdup (unit);
  gdk_rgba_parse (&series->color, palette[self->series->len % G_N_ELEMENTS (palette)]);
  g_ptr_array_add (self->series, series);

  self->axes_valid = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));

  return self->series->len - 1;
}

guint
pd_trend_chart_get_n_series (PdTrendChart *self)
{
  g_return_val_if_fail (PD_IS_TREND_CHART (self), 0);

  return self->series->len;
}

gint64
pd_trend_chart_get_series_tag (PdTrendChart *self,
                               guint         index)
{
  g_return_val_if_fail (PD_IS_TREND_CHART (self), 0);
  g_return_val_if_fail (index < self->series->len, 0);

  return ((Series *) g_ptr_array_index (self->series, index))->tag_id;
}

void
pd_trend_chart_set_series_data (PdTrendChart *self,
                                guint         index,
                                GArray       *buckets,
                                gint64        bucket_us)
{
  Series *series;

  g_return_if_fail (PD_IS_TREND_CHART (self));
  g_return_if_fail (index < self->series->len);
  g_return_if_fail (buckets == NULL || g_array_get_element_size (buckets) == sizeof (PdHistoryBucket));

  series = g_ptr_array_index (self->series, index);
  if (buckets != NULL)
    g_array_ref (buckets);
  g_clear_pointer (&series->buckets, g_array_unref);
  series->buckets = buckets;
  series->bucket_us = MAX (bucket_us, 1);

  self->axes_valid = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

GArray *
pd_trend_chart_get_series_data (PdTrendChart *self,
                                guint         index)
{
  g_return_val_if_fail (PD_IS_TREND_CHART (self), NULL);
  g_return_val_if_fail (index < self->series->len, NULL);

  return ((Series *) g_ptr_array_index (self->series, index))->buckets;
}

void
pd_trend_chart_zoom (PdTrendChart *self,
                     double        factor,
                     double        anchor)
{
  gint64 span;
  gint64 at;
  gint64 new_span;

  g_return_if_fail (PD_IS_TREND_CHART (self));
  g_return_if_fail (factor > 0.0);

  anchor = CLAMP (anchor, 0.0, 1.0);
  span = self->to - self->from;
  at = self->from + (gint64) (anchor * (double) span);
  new_span = CLAMP ((gint64) ((double) span * factor), MIN_SPAN_US, MAX_SPAN_US);

  set_range_by_user (self,
                     at - (gint64) (anchor * (double) new_span),
                     at - (gint64) (anchor * (double) new_span) + new_span);
}

void
pd_trend_chart_pan (PdTrendChart *self,
                    double        fraction)
{
  gint64 shift;

  g_return_if_fail (PD_IS_TREND_CHART (self));

  shift = (gint64) (fraction * (double) (self->to - self->from));
  set_range_by_user (self, self->from + shift, self->to + shift);
}

int
pd_trend_chart_get_plot_width (PdTrendChart *self)
{
  graphene_rect_t plot;

  g_return_val_if_fail (PD_IS_TREND_CHART (self), 0);

  if (gtk_widget_get_width (GTK_WIDGET (self)) <= 0)
    return 0;

  get_plot_rect (self, &plot);

  return (int) plot.size.width;
}

char *
_pd_trend_chart_dup_legend_text (PdTrendChart *self,
                                 guint         index)
{
  g_return_val_if_fail (PD_IS_TREND_CHART (self), NULL);
  g_return_val_if_fail (index < self->series->len, NULL);

  return legend_text (g_ptr_array_index (self->series, index));
}
