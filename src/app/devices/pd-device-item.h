/* pd-device-item.h — one row of the device list
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pd-core.h"

G_BEGIN_DECLS

#define PD_TYPE_DEVICE_ITEM (pd_device_item_get_type ())

G_DECLARE_FINAL_TYPE (PdDeviceItem, pd_device_item, PD, DEVICE_ITEM, GObject)

/* A device with its communication state as texts for the list's cells:
 * "name", "address", "lifecycle", "state" (PdDeviceState as int),
 * "state-label", "state-icon", "last-good" ("3 s ago") and "error-rate".
 * Each is notified only when it changes, so rows update in place. */
PdDeviceItem   *pd_device_item_new         (const PdDevice       *device);
const PdDevice *pd_device_item_get_device  (PdDeviceItem         *self);
gint64          pd_device_item_get_id      (PdDeviceItem         *self);
PdDeviceState   pd_device_item_get_state   (PdDeviceItem         *self);
void            pd_device_item_set_device  (PdDeviceItem         *self,
                                            const PdDevice       *device);
/* STATUS may be NULL: the device is not polled. */
void            pd_device_item_set_status  (PdDeviceItem         *self,
                                            const PdDeviceStatus *status,
                                            gint64                now);
/* Ages the "last-good" text to NOW. */
void            pd_device_item_tick        (PdDeviceItem         *self,
                                            gint64                now);

G_END_DECLS
