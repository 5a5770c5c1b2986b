/* pd-device-dialog-private.h
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "devices/pd-device-dialog.h"

G_BEGIN_DECLS

/* For the GUI tests. */
GtkEditable   *_pd_device_dialog_get_name_entry (PdDeviceDialog *self);
GtkEditable   *_pd_device_dialog_get_host_entry (PdDeviceDialog *self);
GtkSpinButton *_pd_device_dialog_get_port_spin  (PdDeviceDialog *self);
void           _pd_device_dialog_set_transport  (PdDeviceDialog *self,
                                                 PdTransport     transport);
/* The inline reason the form is not valid or was refused, or NULL. */
const char    *_pd_device_dialog_get_message    (PdDeviceDialog *self);
gboolean       _pd_device_dialog_can_save       (PdDeviceDialog *self);
void           _pd_device_dialog_save           (PdDeviceDialog *self);
void           _pd_device_dialog_test_read      (PdDeviceDialog *self);
gboolean       _pd_device_dialog_get_testing    (PdDeviceDialog *self);
/* The outcome of the last test read, or NULL. */
const char    *_pd_device_dialog_get_test_result (PdDeviceDialog *self);

G_END_DECLS
