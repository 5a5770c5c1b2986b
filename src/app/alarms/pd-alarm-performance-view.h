/* pd-alarm-performance-view.h — alarm-performance figures after EEMUA 191
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pd-core.h"

G_BEGIN_DECLS

#define PD_TYPE_ALARM_PERFORMANCE_VIEW (pd_alarm_performance_view_get_type ())

/* The "Performance" page of the Alarms section: alarm rate per 10
 * minutes, time in flood, totals by priority, the most frequent,
 * chattering and standing alarms of the last 24 hours, 7 or 30 days. */
G_DECLARE_FINAL_TYPE (PdAlarmPerformanceView, pd_alarm_performance_view, PD, ALARM_PERFORMANCE_VIEW, AdwBin)

GtkWidget *pd_alarm_performance_view_new (PdStore *store);

G_END_DECLS
