/* pd-alarm-item.h — one row of the active alarm list
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pd-core.h"
#include "pd-alarm.h"

G_BEGIN_DECLS

#define PD_TYPE_ALARM_ITEM (pd_alarm_item_get_type ())

G_DECLARE_FINAL_TYPE (PdAlarmItem, pd_alarm_item, PD, ALARM_ITEM, GObject)

/* An alarm with its status as texts for the list's cells: "priority"
 * (PdAlarmPriority as int, for sorting), "priority-label",
 * "priority-css-classes" (the chip's colour), "state" (PdAlarmState as
 * int), "state-label", "raised-ts" (µs, for sorting), "raised" (text),
 * "source", "condition", "message", "value" (with unit), "ack-user".
 * Each is notified only when it changes, so rows update in place and the
 * selection survives. */
PdAlarmItem   *pd_alarm_item_new          (const PdAlarm *alarm,
                                           gint64         now);
/* Returns TRUE when what filters and sorters look at (priority, state,
 * raise time) changed. */
gboolean       pd_alarm_item_update       (PdAlarmItem   *self,
                                           const PdAlarm *alarm,
                                           gint64         now);
const PdAlarm *pd_alarm_item_get_alarm    (PdAlarmItem   *self);
gint64         pd_alarm_item_get_id       (PdAlarmItem   *self);
PdAlarmPriority pd_alarm_item_get_priority (PdAlarmItem  *self);
PdAlarmState   pd_alarm_item_get_state    (PdAlarmItem   *self);
gint64         pd_alarm_item_get_raised_ts (PdAlarmItem  *self);
gboolean       pd_alarm_item_needs_ack    (PdAlarmItem   *self);

/* "96.5 °C", "On" (digital) or "—"; shared with the banner and the
 * history. UNIT may be NULL. */
char          *pd_alarm_format_number     (PdAlarmCondition condition,
                                           double         value,
                                           const char    *unit);
char          *pd_alarm_format_value      (const PdAlarm *alarm);
/* "14:03:07" today, "23 Nov 14:03" before; "—" for 0. */
char          *pd_alarm_format_time       (gint64         ts);
/* "alarm-urgent" … "alarm-low": the CSS class of a priority. */
const char    *pd_alarm_priority_css_class (PdAlarmPriority priority);

G_END_DECLS
