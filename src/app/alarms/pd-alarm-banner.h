/* pd-alarm-banner.h — the bar on every page that names the most important alarm
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pd-core.h"
#include "pd-alarm-engine.h"

G_BEGIN_DECLS

#define PD_TYPE_ALARM_BANNER (pd_alarm_banner_get_type ())

G_DECLARE_FINAL_TYPE (PdAlarmBanner, pd_alarm_banner, PD, ALARM_BANNER, AdwBin)

/* Follows ENGINE's "changed" (coalesced to 100 ms by the engine) and
 * re-reads only its summary: a flood costs one cheap read per batch.
 * NULL: calm, nothing to follow. Clicking the bar activates
 * win.show-alarms with the id of the alarm shown (or -1). */
void           pd_alarm_banner_set_engine (PdAlarmBanner *self,
                                           PdAlarmEngine *engine);
PdAlarmEngine *pd_alarm_banner_get_engine (PdAlarmBanner *self);

G_END_DECLS
