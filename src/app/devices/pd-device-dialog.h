/* pd-device-dialog.h — add or edit a device
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pd-core.h"

G_BEGIN_DECLS

#define PD_TYPE_DEVICE_DIALOG (pd_device_dialog_get_type ())

G_DECLARE_FINAL_TYPE (PdDeviceDialog, pd_device_dialog, PD, DEVICE_DIALOG, AdwWindow)

/* DEVICE NULL: a new device. Every field is checked as it is typed, with
 * pd_device_validate(); Save stays insensitive until the whole device is
 * valid. Emits "saved" (gint64 device id) and closes after saving. */
PdDeviceDialog *pd_device_dialog_new (PdStore        *store,
                                      PdUser         *user,
                                      const PdDevice *device);

G_END_DECLS
