/* pd-trend-view.h — trends of a device's tags, drawn from the historian
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pd-core.h"
#include "devices/pd-device-view.h"

G_BEGIN_DECLS

#define PD_TYPE_TREND_VIEW (pd_trend_view_get_type ())

G_DECLARE_FINAL_TYPE (PdTrendView, pd_trend_view, PD, TREND_VIEW, PdDeviceView)

/* Construct-only properties, from PdDeviceView: "acquisition"
 * (PdAcquisition), "user" (PdUser) and "device-id" (gint64). The chooser offers the device's tags
 * with history on; at first the first of them is shown. */

/* Shows TAG_IDS (tags of the device with history on; others are left
 * out), in this order. */
void pd_trend_view_set_tags (PdTrendView  *self,
                             const gint64 *tag_ids,
                             guint         n_tags);

G_END_DECLS
