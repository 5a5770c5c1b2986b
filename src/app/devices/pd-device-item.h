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
 * "state-label", "state-icon", "last-good" ("3 s ago"), "error-rate",
 * "inspection" ("Due 1 Dec", "Overdue" or NULL without a plan),
 * "inspection-overdue" and "inspection-css-classes" (for the cell).
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
/* Caches DUE, when the next inspection is due (µs since the epoch, 0 for
 * none; pd_store_get_inspection_due()), and shows it relative to NOW. */
void            pd_device_item_set_inspection_due (PdDeviceItem  *self,
                                                   gint64         due,
                                                   gint64         now);
/* Re-formats the cached due time once the day or the due time has
 * passed at NOW; cheap otherwise. */
void            pd_device_item_age_inspection     (PdDeviceItem  *self,
                                                   gint64         now);

G_END_DECLS
