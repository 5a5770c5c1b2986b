/* pd-devices-page-private.h
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "devices/pd-device-dialog.h"
#include "devices/pd-device-item.h"
#include "devices/pd-device-page.h"
#include "devices/pd-devices-page.h"

G_BEGIN_DECLS

/* For the GUI tests. */
/* The devices listed, a GListModel of PdDeviceItem. */
GListModel     *_pd_devices_page_get_model        (PdDevicesPage *self);
PdDeviceItem   *_pd_devices_page_find_item        (PdDevicesPage *self,
                                                   const char    *name);
/* Shows the page of device ID, as activating its row does. */
void            _pd_devices_page_open_device      (PdDevicesPage *self,
                                                   gint64         device_id);
/* The device page shown, or NULL on the list. */
PdDevicePage   *_pd_devices_page_get_device_page  (PdDevicesPage *self);
/* The dialog opened by devices.add, or NULL. */
PdDeviceDialog *_pd_devices_page_get_add_dialog   (PdDevicesPage *self);

G_END_DECLS
