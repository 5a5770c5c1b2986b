/* pd-alarm-rate-chart.h — alarms raised per 10 minutes, as bars
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "pd-core.h"
#include "pd-alarm-read.h"

G_BEGIN_DECLS

#define PD_TYPE_ALARM_RATE_CHART (pd_alarm_rate_chart_get_type ())

G_DECLARE_FINAL_TYPE (PdAlarmRateChart, pd_alarm_rate_chart, PD, ALARM_RATE_CHART, GtkWidget)

/* One bar per 10-minute bucket, a dashed line at the flood threshold
 * (PD_ALARM_FLOOD_PER_10_MIN) and the bars above it marked as floods. */
GtkWidget *pd_alarm_rate_chart_new              (void);

/* BUCKETS: PdAlarmRateBucket, oldest first, or NULL for none; the chart
 * keeps a reference. Redraws and describes the data for assistive
 * technologies. */
void       pd_alarm_rate_chart_set_buckets      (PdAlarmRateChart *self,
                                                 GArray           *buckets);
GArray    *pd_alarm_rate_chart_get_buckets      (PdAlarmRateChart *self);
/* Buckets above the flood threshold. */
guint      pd_alarm_rate_chart_get_n_flood_bars (PdAlarmRateChart *self);

G_END_DECLS
