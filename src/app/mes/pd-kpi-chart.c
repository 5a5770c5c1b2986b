/* pd-kpi-chart.c — bar charts of the KPI page, drawn with GtkSnapshot
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-kpi-chart"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "mes/pd-kpi-chart.h"

#define MARGIN_TOP     24.0
#define MARGIN_BOTTOM  40.0
#define MARGIN_SIDE    12.0
#define BAR_MIN_WIDTH  36
#define BAR_GAP        0.25   /* of a slot */
#define BAR_MAX_WIDTH  120.0

typedef struct
{
  char   *label;
  char   *text;
  double  value;
  double  cumulative;
} Bar;

struct _PdKpiChart
{
  GtkWidget  parent_instance;

  GArray    *bars;          /* Bar */
  gboolean   pareto;
  double     min_scale;
  char      *description;
};

G_DEFINE_FINAL_TYPE (PdKpiChart, pd_kpi_chart, GTK_TYPE_WIDGET)

static void
bar_clear (gpointer data)
{
  Bar *bar = data;

  g_free (bar->label);
  g_free (bar->text);
}

static void
get_color (PdKpiChart *self,
           GdkRGBA    *color)
{
  /* The text colour of the theme, so that the chart follows the dark
   * style and high contrast. */
#if GTK_CHECK_VERSION (4, 10, 0)
  gtk_widget_get_color (GTK_WIDGET (self), color);
#else
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (self)), color);
  G_GNUC_END_IGNORE_DEPRECATIONS
#endif
}

static void
append_text (PdKpiChart  *self,
             GtkSnapshot *snapshot,
             const char  *text,
             double       cx,
             double       y,
             double       max_width,
             GdkRGBA     *color)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  int w, h;

  pango_layout_set_width (layout, (int) (max_width * PANGO_SCALE));
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  pango_layout_get_pixel_size (layout, &w, &h);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT ((float) (cx - max_width / 2), (float) y));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
  g_object_unref (layout);
}

static void
pd_kpi_chart_snapshot (GtkWidget   *widget,
                       GtkSnapshot *snapshot)
{
  PdKpiChart *self = PD_KPI_CHART (widget);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  double plot_h = height - MARGIN_TOP - MARGIN_BOTTOM;
  double slot, scale = self->min_scale;
  GdkRGBA fg, bar_color, axis, line_color = { 0.75f, 0.38f, 0.0f, 1.0f };

  if (self->bars->len == 0 || plot_h <= 8 || width <= 2 * MARGIN_SIDE)
    return;

  get_color (self, &fg);
  axis = fg;
  axis.alpha = 0.3f;
  /* ISA-101: calm grey bars; only the Pareto's line stands out. */
  bar_color = fg;
  bar_color.alpha = 0.55f;

  for (guint i = 0; i < self->bars->len; i++)
    {
      double v = g_array_index (self->bars, Bar, i).value;

      if (!isnan (v))
        scale = MAX (scale, v);
    }
  if (scale <= 0)
    scale = 1;
  slot = (width - 2 * MARGIN_SIDE) / self->bars->len;

  gtk_snapshot_append_color (snapshot, &axis,
                             &GRAPHENE_RECT_INIT ((float) MARGIN_SIDE, (float) (MARGIN_TOP + plot_h),
                                                  (float) (width - 2 * MARGIN_SIDE), 1));
  for (guint i = 0; i < self->bars->len; i++)
    {
      const Bar *bar = &g_array_index (self->bars, Bar, i);
      double cx = MARGIN_SIDE + i * slot + slot / 2;
      double h = isnan (bar->value) ? 0 : plot_h * bar->value / scale;

      double bar_w = MIN (slot * (1 - BAR_GAP), BAR_MAX_WIDTH);

      if (h > 0)
        gtk_snapshot_append_color (snapshot, &bar_color,
                                   &GRAPHENE_RECT_INIT ((float) (cx - bar_w / 2),
                                                        (float) (MARGIN_TOP + plot_h - h),
                                                        (float) bar_w, (float) h));
      append_text (self, snapshot, bar->text, cx, MARGIN_TOP + plot_h - h - 20, slot, &fg);
      append_text (self, snapshot, bar->label, cx, MARGIN_TOP + plot_h + 4, slot, &fg);
    }

  if (self->pareto)
    {
      cairo_t *cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, (float) width, (float) height));

      gdk_cairo_set_source_rgba (cr, &line_color);
      cairo_set_line_width (cr, 2);
      for (guint i = 0; i < self->bars->len; i++)
        {
          const Bar *bar = &g_array_index (self->bars, Bar, i);
          double cx = MARGIN_SIDE + i * slot + slot / 2;
          double cy = MARGIN_TOP + plot_h * (1 - (isnan (bar->cumulative) ? 0 : bar->cumulative));

          if (i == 0)
            cairo_move_to (cr, cx, cy);
          else
            cairo_line_to (cr, cx, cy);
        }
      cairo_stroke (cr);
      for (guint i = 0; i < self->bars->len; i++)
        {
          const Bar *bar = &g_array_index (self->bars, Bar, i);
          double cx = MARGIN_SIDE + i * slot + slot / 2;
          double cy = MARGIN_TOP + plot_h * (1 - (isnan (bar->cumulative) ? 0 : bar->cumulative));

          cairo_arc (cr, cx, cy, 3.5, 0, 2 * G_PI);
          cairo_fill (cr);
        }
      cairo_destroy (cr);
    }
}

static void
pd_kpi_chart_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  PdKpiChart *self = PD_KPI_CHART (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      /* Small minimum: the page scrolls sideways rather than squeezing
       * the labels when there are many buckets. */
      *minimum = (int) (2 * MARGIN_SIDE) + BAR_MIN_WIDTH * (int) MIN (self->bars->len, 8u);
      *natural = (int) (2 * MARGIN_SIDE) + BAR_MIN_WIDTH * 2 * (int) MAX (self->bars->len, 1u);
      *natural = MAX (*natural, *minimum);
    }
  else
    {
      *minimum = 160;
      *natural = 220;
    }
}

static void
pd_kpi_chart_finalize (GObject *object)
{
  PdKpiChart *self = PD_KPI_CHART (object);

  g_array_unref (self->bars);
  g_free (self->description);
  G_OBJECT_CLASS (pd_kpi_chart_parent_class)->finalize (object);
}

static void
pd_kpi_chart_class_init (PdKpiChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = pd_kpi_chart_finalize;
  widget_class->snapshot = pd_kpi_chart_snapshot;
  widget_class->measure = pd_kpi_chart_measure;
  gtk_widget_class_set_css_name (widget_class, "kpichart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
pd_kpi_chart_init (PdKpiChart *self)
{
  self->bars = g_array_new (FALSE, TRUE, sizeof (Bar));
  g_array_set_clear_func (self->bars, bar_clear);
  self->min_scale = 1;
}

GtkWidget *
pd_kpi_chart_new (void)
{
  return g_object_new (PD_TYPE_KPI_CHART, NULL);
}

void
pd_kpi_chart_set_data (PdKpiChart          *self,
                       const char          *title,
                       guint                n,
                       const char * const  *labels,
                       const double        *values,
                       const char * const  *texts,
                       const double        *cumulative,
                       double               min_scale)
{
  GString *description;

  g_return_if_fail (PD_IS_KPI_CHART (self));
  g_return_if_fail (n == 0 || (labels != NULL && values != NULL && texts != NULL));

  g_array_set_size (self->bars, 0);
  description = g_string_new (title);
  for (guint i = 0; i < n; i++)
    {
      Bar bar = { g_strdup (labels[i]), g_strdup (texts[i]), values[i], cumulative != NULL ? cumulative[i] : NAN };

      g_array_append_val (self->bars, bar);
      /* TRANSLATORS: one bar of a chart for screen readers: label and value */
      g_string_append_printf (description, _("; %s: %s"), labels[i], texts[i]);
    }
  self->pareto = cumulative != NULL;
  self->min_scale = min_scale;
  g_free (self->description);
  self->description = g_string_free (description, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, self->description, -1);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
pd_kpi_chart_get_n_bars (PdKpiChart *self)
{
  g_return_val_if_fail (PD_IS_KPI_CHART (self), 0);
  return self->bars->len;
}

const char *
pd_kpi_chart_get_description (PdKpiChart *self)
{
  g_return_val_if_fail (PD_IS_KPI_CHART (self), NULL);
  return self->description;
}
