/* pd-diagnostics-view.h — a device's communication, to locate a fault
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

#define PD_TYPE_DIAGNOSTICS_VIEW (pd_diagnostics_view_get_type ())

G_DECLARE_FINAL_TYPE (PdDiagnosticsView, pd_diagnostics_view, PD, DIAGNOSTICS_VIEW, PdDeviceView)

/* Construct-only properties, from PdDeviceView: "acquisition"
 * (PdAcquisition), "user" (PdUser) and "device-id" (gint64). Refreshes every second while shown
 * and whenever the device's state changes. */

G_END_DECLS
