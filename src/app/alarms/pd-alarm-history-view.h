/* pd-alarm-history-view.h — the alarm events of a period, with filters
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pd-core.h"

G_BEGIN_DECLS

#define PD_TYPE_ALARM_HISTORY_VIEW (pd_alarm_history_view_get_type ())

/* The "History" page of the Alarms section: the alarm events of a period
 * (last hour, shift, 24 hours, 7 days or chosen days), filtered by
 * priority, event kind and text, read in a worker and exported as CSV. */
G_DECLARE_FINAL_TYPE (PdAlarmHistoryView, pd_alarm_history_view, PD, ALARM_HISTORY_VIEW, AdwBin)

GtkWidget *pd_alarm_history_view_new (PdStore *store,
                                      PdUser  *user);

G_END_DECLS
