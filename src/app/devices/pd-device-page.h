/* pd-device-page.h — one device: its tags live, trend, diagnostics, inspections
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pd-core.h"

G_BEGIN_DECLS

#define PD_TYPE_DEVICE_PAGE (pd_device_page_get_type ())

G_DECLARE_FINAL_TYPE (PdDevicePage, pd_device_page, PD, DEVICE_PAGE, AdwBin)

/* Construct-only "store", "user", "acquisition" (may be NULL) and
 * "device-id". Emits "back" when the person leaves it for the list. */
GtkWidget *pd_device_page_new           (PdStore       *store,
                                         PdUser        *user,
                                         PdAcquisition *acquisition,
                                         gint64         device_id);
gint64     pd_device_page_get_device_id (PdDevicePage  *self);

G_END_DECLS
