/* pd-devices-page.h — the Devices section
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pd-section-page.h"

G_BEGIN_DECLS

#define PD_TYPE_DEVICES_PAGE (pd_devices_page_get_type ())

G_DECLARE_FINAL_TYPE (PdDevicesPage, pd_devices_page, PD, DEVICES_PAGE, PdSectionPage)

G_END_DECLS
