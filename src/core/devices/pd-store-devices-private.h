/* pd-store-devices-private.h — shared by the device, tag and inspection
 * parts of the store
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "pd-store-devices.h"

#include "pd-read-conn.h"

G_BEGIN_DECLS

/* Prepares SQL on DB; on failure sets ERROR and returns NULL. */
/* Loads the device with DEVICE_ID; PD_ERROR_NOT_FOUND when there is none.
 * UUID, when not NULL, receives its uuid. */
PdDevice     *_pd_devices_load          (sqlite3      *db,
                                         gint64        device_id,
                                         char        **uuid,
                                         GError      **error);
/* The device as the outbox carries it. */
JsonObject   *_pd_device_to_json        (const PdDevice *device,
                                         const char     *uuid);
/* The device's address for the audit log: "PLC-1 192.168.0.10:502". */
char         *_pd_device_audit_detail   (const PdDevice *device);
/* Microseconds since the epoch of a time as the store writes it. */
gint64        _pd_devices_parse_time    (const char   *text);

G_END_DECLS
