/* pd-device-page-private.h
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "devices/pd-device-dialog.h"
#include "devices/pd-device-page.h"
#include "devices/pd-tag-dialog.h"
#include "devices/pd-tag-item.h"

G_BEGIN_DECLS

/* For the GUI tests. */
/* The tags shown, a GListModel of PdTagItem. */
GListModel       *_pd_device_page_get_tag_model      (PdDevicePage *self);
PdTagItem        *_pd_device_page_find_tag_item      (PdDevicePage *self,
                                                      const char   *name);
/* The header's state text. */
const char       *_pd_device_page_get_state_text     (PdDevicePage *self);
/* The message dialog open (write value, confirmation, removal, import
 * errors), or NULL. */
AdwMessageDialog *_pd_device_page_get_message_dialog (PdDevicePage *self);
/* The value entry of the write dialog, or NULL. */
GtkEditable      *_pd_device_page_get_write_entry    (PdDevicePage *self);
PdDeviceDialog   *_pd_device_page_get_device_dialog  (PdDevicePage *self);
PdTagDialog      *_pd_device_page_get_tag_dialog     (PdDevicePage *self);
/* The name of the view shown: "tags", "trend", "diagnostics",
 * "inspections". */
const char       *_pd_device_page_get_view_name      (PdDevicePage *self);
/* Selects the rows of the tags named in NAMES. */
void              _pd_device_page_select_tags        (PdDevicePage       *self,
                                                      const char * const *names);
/* Imports FILE or exports to it as the file choosers' answers do. */
void              _pd_device_page_import_file        (PdDevicePage *self,
                                                      GFile        *file);
void              _pd_device_page_export_file        (PdDevicePage *self,
                                                      GFile        *file);

G_END_DECLS
