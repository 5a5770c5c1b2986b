/* pd-alarm-rate-chart.c
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-alarm-rate-chart"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "alarms/pd-alarm-rate-chart.h"

#define AXIS_WIDTH       36
#define TIME_AXIS_HEIGHT 22
#define PAD              8
#define BUCKET_US        (10 * G_TIME_SPAN_MINUTE)

struct _PdAlarmRateChart
{
  GtkWidget  parent_instance;

  GArray    *buckets;     /* PdAlarmRateBucket, or NULL */
  /* Derived once per change of data, so that drawing only draws. */
  guint      peak;
  guint      total;
  guint      n_flood;
};

G_DEFINE_FINAL_TYPE (PdAlarmRateChart, pd_alarm_rate_chart, GTK_TYPE_WIDGET)

static void
draw_text (cairo_t     *cr,
           PangoLayout *layout,
           const char  *text,
           double       x,
           double       y,
           double       xalign)
{
  int w;

  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, &w, NULL);
  cairo_move_to (cr, x - xalign * w, y);
  pango_cairo_show_layout (cr, layout);
}

static char *
format_time (gint64 us,
             gint64 span)
{
  g_autoptr(GDateTime) local = g_date_time_new_from_unix_local (us / G_USEC_PER_SEC);

  if (local == NULL)
    return g_strdup ("");

  /* Within a day the clock is enough; over days, the date matters. */
  return g_date_time_format (local, span <= G_TIME_SPAN_DAY ? "%H:%M" : "%d %b");
}

/* The value axis runs to a round number above both the peak and the
 * flood threshold, so that the threshold line is always in view. */
static guint
axis_max (PdAlarmRateChart *self)
{
  guint top = MAX (self->peak, PD_ALARM_FLOOD_PER_10_MIN + 2);

  return ((top + 4) / 5) * 5;
}

static void
pd_alarm_rate_chart_snapshot (GtkWidget   *widget,
                              GtkSnapshot *snapshot)
{
  PdAlarmRateChart *self = PD_ALARM_RATE_CHART (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  g_autoptr(PangoLayout) layout = NULL;
  double plot_x, plot_y, plot_w, plot_h;
  double bar_w;
  guint max;
  guint n;
  GdkRGBA fg;
  cairo_t *cr;

  if (width <= AXIS_WIDTH + 2 * PAD || height <= TIME_AXIS_HEIGHT + 2 * PAD)
    return;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  G_GNUC_END_IGNORE_DEPRECATIONS

  plot_x = AXIS_WIDTH;
  plot_y = PAD;
  plot_w = width - AXIS_WIDTH - PAD;
  plot_h = height - PAD - TIME_AXIS_HEIGHT;
  max = axis_max (self);
  n = self->buckets != NULL ? self->buckets->len : 0;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  layout = gtk_widget_create_pango_layout (widget, NULL);
  cairo_set_line_width (cr, 1.0);

  /* A calm grey plot (ISA-101): colour is kept for the floods. */
  cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.04);
  cairo_rectangle (cr, plot_x, plot_y, plot_w, plot_h);
  cairo_fill (cr);

  for (guint v = 0; v <= max; v += 5)
    {
      g_autofree char *text = g_strdup_printf ("%u", v);
      double y = floor (plot_y + plot_h - plot_h * v / max) + 0.5;
      int h;

      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.10);
      cairo_move_to (cr, plot_x, y);
      cairo_line_to (cr, plot_x + plot_w, y);
      cairo_stroke (cr);

      pango_layout_set_text (layout, text, -1);
      pango_layout_get_pixel_size (layout, NULL, &h);
      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.7);
      draw_text (cr, layout, text, plot_x - 4, y - h / 2.0, 1.0);
    }

  bar_w = n > 0 ? plot_w / n : plot_w;
  for (guint i = 0; i < n; i++)
    {
      const PdAlarmRateBucket *bucket = &g_array_index (self->buckets, PdAlarmRateBucket, i);
      double x = plot_x + i * bar_w;
      double h = plot_h * MIN (bucket->raised, max) / max;
      /* A gap between bars once they are wide enough to show one. */
      double gap = bar_w >= 4 ? 1.0 : 0.0;

      if (bucket->raised == 0)
        continue;

      if (bucket->raised > PD_ALARM_FLOOD_PER_10_MIN)
        {
          /* Flood: the alarm colour, and a mark above the bar so that it
           * is seen even when the bar is a hairline. */
          cairo_set_source_rgba (cr, 0.85, 0.20, 0.15, 1.0);
          cairo_rectangle (cr, x, plot_y + plot_h - h, MAX (bar_w - gap, 1.0), h);
          cairo_fill (cr);
          cairo_move_to (cr, x + bar_w / 2 - 4, plot_y);
          cairo_line_to (cr, x + bar_w / 2 + 4, plot_y);
          cairo_line_to (cr, x + bar_w / 2, plot_y + 6);
          cairo_close_path (cr);
          cairo_fill (cr);
        }
      else
        {
          cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.45);
          cairo_rectangle (cr, x, plot_y + plot_h - h, MAX (bar_w - gap, 1.0), h);
          cairo_fill (cr);
        }
    }

  /* The flood threshold. */
  {
    double y = floor (plot_y + plot_h - plot_h * PD_ALARM_FLOOD_PER_10_MIN / max) + 0.5;

    cairo_set_source_rgba (cr, 0.85, 0.20, 0.15, 0.9);
    cairo_set_dash (cr, (double[]) { 5.0, 4.0 }, 2, 0);
    cairo_move_to (cr, plot_x, y);
    cairo_line_to (cr, plot_x + plot_w, y);
    cairo_stroke (cr);
    cairo_set_dash (cr, NULL, 0, 0);
    /* TRANSLATORS: label of the flood threshold line of the alarm-rate chart */
    draw_text (cr, layout, _("Flood"), plot_x + plot_w - 4, y - 18, 1.0);
  }

  /* The period's ends under the plot. */
  if (n > 0)
    {
      gint64 start = g_array_index (self->buckets, PdAlarmRateBucket, 0).start;
      gint64 end = g_array_index (self->buckets, PdAlarmRateBucket, n - 1).start + BUCKET_US;
      g_autofree char *start_text = format_time (start, end - start);
      g_autofree char *end_text = format_time (end, end - start);

      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.7);
      draw_text (cr, layout, start_text, plot_x, plot_y + plot_h + 3, 0.0);
      draw_text (cr, layout, end_text, plot_x + plot_w, plot_y + plot_h + 3, 1.0);
    }

  cairo_destroy (cr);
}

static void
pd_alarm_rate_chart_measure (GtkWidget      *widget,
                             GtkOrientation  orientation,
                             int             for_size,
                             int            *minimum,
                             int            *natural,
                             int            *minimum_baseline,
                             int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 200;
      *natural = 600;
    }
  else
    {
      *minimum = 140;
      *natural = 200;
    }
}

static void
update_accessible_description (PdAlarmRateChart *self)
{
  guint n = self->buckets != NULL ? self->buckets->len : 0;
  g_autofree char *description = NULL;

  if (n == 0)
    description = g_strdup (_("No data"));
  else
    /* TRANSLATORS: the accessible description of the alarm-rate chart;
     * the numbers are 10-minute intervals, alarms, alarms and intervals */
    description = g_strdup_printf (_("%u intervals of 10 minutes, %u alarms in all, at most %u in one interval, %u intervals in flood"),
                                   n, self->total, self->peak, self->n_flood);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

void
pd_alarm_rate_chart_set_buckets (PdAlarmRateChart *self,
                                 GArray           *buckets)
{
  g_return_if_fail (PD_IS_ALARM_RATE_CHART (self));

  if (buckets == self->buckets)
    return;

  g_clear_pointer (&self->buckets, g_array_unref);
  if (buckets != NULL)
    self->buckets = g_array_ref (buckets);

  self->peak = 0;
  self->total = 0;
  self->n_flood = 0;
  for (guint i = 0; self->buckets != NULL && i < self->buckets->len; i++)
    {
      guint raised = g_array_index (self->buckets, PdAlarmRateBucket, i).raised;

      self->peak = MAX (self->peak, raised);
      self->total += raised;
      if (raised > PD_ALARM_FLOOD_PER_10_MIN)
        self->n_flood++;
    }

  update_accessible_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

GArray *
pd_alarm_rate_chart_get_buckets (PdAlarmRateChart *self)
{
  g_return_val_if_fail (PD_IS_ALARM_RATE_CHART (self), NULL);

  return self->buckets;
}

guint
pd_alarm_rate_chart_get_n_flood_bars (PdAlarmRateChart *self)
{
  g_return_val_if_fail (PD_IS_ALARM_RATE_CHART (self), 0);

  return self->n_flood;
}

GtkWidget *
pd_alarm_rate_chart_new (void)
{
  return g_object_new (PD_TYPE_ALARM_RATE_CHART, NULL);
}

static void
pd_alarm_rate_chart_finalize (GObject *object)
{
  PdAlarmRateChart *self = (PdAlarmRateChart *) object;

  g_clear_pointer (&self->buckets, g_array_unref);

  G_OBJECT_CLASS (pd_alarm_rate_chart_parent_class)->finalize (object);
}

static void
pd_alarm_rate_chart_class_init (PdAlarmRateChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = pd_alarm_rate_chart_finalize;

  widget_class->snapshot = pd_alarm_rate_chart_snapshot;
  widget_class->measure = pd_alarm_rate_chart_measure;

  gtk_widget_class_set_css_name (widget_class, "alarmratechart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
pd_alarm_rate_chart_init (PdAlarmRateChart *self)
{
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Alarms per 10 minutes"),
                                  -1);
  update_accessible_description (self);
}
