/* pd-alarm-performance-view-private.h
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "alarms/pd-alarm-performance-view.h"
#include "alarms/pd-alarm-rate-chart.h"

G_BEGIN_DECLS

/* The choices of the period drop-down, in its order. */
typedef enum
{
  PD_ALARM_PERFORMANCE_PERIOD_DAY,
  PD_ALARM_PERFORMANCE_PERIOD_WEEK,
  PD_ALARM_PERFORMANCE_PERIOD_MONTH,
} PdAlarmPerformancePeriod;

/* For the GUI tests. */
gboolean            _pd_alarm_performance_view_get_loading     (PdAlarmPerformanceView  *self);
/* How many reads have completed (with figures or with an error). */
guint               _pd_alarm_performance_view_get_n_reads     (PdAlarmPerformanceView  *self);
/* The figures shown, or NULL. */
PdAlarmPerformance *_pd_alarm_performance_view_get_performance (PdAlarmPerformanceView  *self);
void                _pd_alarm_performance_view_select_period   (PdAlarmPerformanceView  *self,
                                                                PdAlarmPerformancePeriod period);
PdAlarmRateChart   *_pd_alarm_performance_view_get_chart       (PdAlarmPerformanceView  *self);
/* The text of a figure tile: "average", "peak", "flood", "total",
 * "urgent", "high", "medium" or "low". */
const char         *_pd_alarm_performance_view_get_figure      (PdAlarmPerformanceView  *self,
                                                                const char              *name);
/* The rows of a list: "top", "chattering" or "standing". */
GtkListBox         *_pd_alarm_performance_view_get_list        (PdAlarmPerformanceView  *self,
                                                                const char              *name);

G_END_DECLS
