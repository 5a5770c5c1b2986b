/* pd-alarms-page.h — the Alarms section: active list, history, performance
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pd-section-page.h"

G_BEGIN_DECLS

#define PD_TYPE_ALARMS_PAGE (pd_alarms_page_get_type ())

G_DECLARE_FINAL_TYPE (PdAlarmsPage, pd_alarms_page, PD, ALARMS_PAGE, PdSectionPage)

/* Shows the active list; with ALARM_ID > 0 selects that alarm (widening
 * the filters when they hide it) and scrolls to it. */
void pd_alarms_page_show_alarm (PdAlarmsPage *self,
                                gint64        alarm_id);

G_END_DECLS
