/* pd-inspections-view.h — a device's periodic inspections
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

#define PD_TYPE_INSPECTIONS_VIEW (pd_inspections_view_get_type ())

G_DECLARE_FINAL_TYPE (PdInspectionsView, pd_inspections_view, PD, INSPECTIONS_VIEW, PdDeviceView)

/* Construct-only properties, from PdDeviceView: "acquisition"
 * (PdAcquisition), "user" (PdUser) and "device-id" (gint64). Records an inspection against the
 * device's checklist, lists past ones, shows when the next is due, and
 * lets those who maintain devices edit the plan. */

G_END_DECLS
