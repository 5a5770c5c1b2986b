/* pd-alarm-banner-private.h — what the GUI tests look at
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "alarms/pd-alarm-banner.h"

G_BEGIN_DECLS

/* TRUE when nothing needs a person and the bar is neutral. */
gboolean     _pd_alarm_banner_is_calm             (PdAlarmBanner  *self);
/* The id of the alarm shown, or 0. */
gint64       _pd_alarm_banner_get_alarm_id        (PdAlarmBanner  *self);
/* The first line ("Press / temperature — High high") and the second. */
const char  *_pd_alarm_banner_get_title           (PdAlarmBanner  *self);
const char  *_pd_alarm_banner_get_detail          (PdAlarmBanner  *self);
/* Unacknowledged alarms of PRIORITY, as the chip shows them. */
guint        _pd_alarm_banner_get_count           (PdAlarmBanner  *self,
                                                   PdAlarmPriority priority);
/* All unacknowledged alarms, as "N unacknowledged" shows them. */
guint        _pd_alarm_banner_get_n_unacknowledged (PdAlarmBanner *self);
/* How often the summary was read. */
guint        _pd_alarm_banner_get_n_reads         (PdAlarmBanner  *self);
/* Clicks the bar. */
void         _pd_alarm_banner_activate            (PdAlarmBanner  *self);

G_END_DECLS
