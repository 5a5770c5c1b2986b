/* pd-kpi-chart.h — the KPI page's bar charts: a value per bucket (OEE) or
 * a downtime Pareto with its cumulative line
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define PD_TYPE_KPI_CHART (pd_kpi_chart_get_type ())

G_DECLARE_FINAL_TYPE (PdKpiChart, pd_kpi_chart, PD, KPI_CHART, GtkWidget)

GtkWidget  *pd_kpi_chart_new          (void);

/* Sets the bars: N of them, LABELS[i] under VALUES[i] (≥ 0, or NAN for
 * "no value": no bar, "—" over it), each bar's text TEXTS[i] over it.
 * CUMULATIVE (0…1, may be NULL) draws a Pareto's cumulative line with its
 * own 0–100 % scale. The bars scale to the largest value, at least
 * MIN_SCALE (1 for ratios, so that 100 % is the full height). The
 * accessible description becomes TITLE followed by each label and text. */
void        pd_kpi_chart_set_data     (PdKpiChart          *self,
                                       const char          *title,
                                       guint                n,
                                       const char * const  *labels,
                                       const double        *values,
                                       const char * const  *texts,
                                       const double        *cumulative,
                                       double               min_scale);

guint       pd_kpi_chart_get_n_bars   (PdKpiChart          *self);
/* The description given to assistive technologies. */
const char *pd_kpi_chart_get_description (PdKpiChart       *self);

G_END_DECLS
