/* pd-store-devices.h — devices, tags and inspections in plantdesk.db
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pd-device.h"
#include "pd-store.h"

G_BEGIN_DECLS

/* Every write below goes through pd_store_write(): permission, audit,
 * outbox in one transaction. Configuration needs
 * PD_PERMISSION_DEVICES_CONFIGURE, lifecycle and inspection plans
 * PD_PERMISSION_DEVICES_MAINTAIN, inspections
 * PD_PERMISSION_INSPECTIONS_RECORD. After a change the store emits
 * "devices-changed" (devices or tags) or "inspections-changed". */

/* Ordered by name; a GPtrArray of PdDevice (element free func set). */
GPtrArray   *pd_store_list_devices          (PdStore         *self,
                                             GError         **error);
PdDevice    *pd_store_find_device           (PdStore         *self,
                                             const char      *name,
                                             GError         **error);
PdDevice    *pd_store_get_device            (PdStore         *self,
                                             gint64           device_id,
                                             GError         **error);
/* Validates, refuses a name in use; returns the stored device (id set). */
PdDevice    *pd_store_add_device            (PdStore         *self,
                                             PdUser          *actor,
                                             const PdDevice  *device,
                                             GError         **error);
/* Updates the device with DEVICE->id. */
gboolean     pd_store_update_device         (PdStore         *self,
                                             PdUser          *actor,
                                             const PdDevice  *device,
                                             GError         **error);
/* Removes the device and its tags (their history stays in history.db). */
gboolean     pd_store_remove_device         (PdStore         *self,
                                             PdUser          *actor,
                                             gint64           device_id,
                                             GError         **error);
/* Refuses changes pd_lifecycle_can_change() does not allow. */
gboolean     pd_store_set_device_lifecycle  (PdStore         *self,
                                             PdUser          *actor,
                                             gint64           device_id,
                                             PdLifecycle      lifecycle,
                                             GError         **error);

/* Tags of one device (DEVICE_ID 0: of all devices), ordered by device,
 * area, address; a GPtrArray of PdTag. */
GPtrArray   *pd_store_list_tags             (PdStore         *self,
                                             gint64           device_id,
                                             GError         **error);
PdTag       *pd_store_find_tag              (PdStore         *self,
                                             gint64           device_id,
                                             const char      *name,
                                             GError         **error);
PdTag       *pd_store_get_tag               (PdStore         *self,
                                             gint64           tag_id,
                                             GError         **error);
PdTag       *pd_store_add_tag               (PdStore         *self,
                                             PdUser          *actor,
                                             const PdTag     *tag,
                                             GError         **error);
gboolean     pd_store_update_tag            (PdStore         *self,
                                             PdUser          *actor,
                                             const PdTag     *tag,
                                             GError         **error);
gboolean     pd_store_remove_tag            (PdStore         *self,
                                             PdUser          *actor,
                                             gint64           tag_id,
                                             GError         **error);
/* All or nothing, in one transaction: tags whose name exists on the
 * device are updated, the others added. */
gboolean     pd_store_import_tags           (PdStore         *self,
                                             PdUser          *actor,
                                             gint64           device_id,
                                             GPtrArray       *tags,
                                             guint           *n_added,
                                             guint           *n_updated,
                                             GError         **error);

/* Tag CSV: a header row naming the columns; name, area, address and type
 * are required; byte_order, word_order, scale, offset, unit, deadband,
 * poll_ms, writable, history and description are optional. On any bad
 * line nothing is returned and ERROR names every bad line ("Line 4: …").
 * Tags come back with device_id 0. */
GPtrArray   *pd_tags_parse_csv              (const char      *text,
                                             gssize           length,
                                             GError         **error);
/* Every column, in a form pd_tags_parse_csv() reads back unchanged. */
char        *pd_tags_to_csv                 (GPtrArray       *tags);

/* --- Inspections ------------------------------------------------------ */

typedef struct
{
  char     *label;
  gboolean  ok;
} PdInspectionItem;

typedef struct
{
  gint64     id;
  gint64     device_id;
  char      *uuid;
  char      *user_name;
  gint64     performed_at;  /* µs since the epoch */
  gboolean   ok;            /* every item OK */
  char      *notes;
  GPtrArray *items;         /* PdInspectionItem */
} PdInspection;

void          pd_inspection_free             (PdInspection *inspection);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdInspection, pd_inspection_free)

/* The interval is PdDevice.inspection_interval_days; the checklist is a
 * NULL-terminated list of item labels. */
gboolean      pd_store_set_inspection_plan   (PdStore            *self,
                                              PdUser             *actor,
                                              gint64              device_id,
                                              guint               interval_days,
                                              const char * const *checklist,
                                              GError            **error);
char        **pd_store_dup_inspection_checklist (PdStore         *self,
                                              gint64              device_id,
                                              GError            **error);
/* ITEMS: PdInspectionItem, one per checklist item. Inspection records are
 * append-only. */
PdInspection *pd_store_record_inspection     (PdStore            *self,
                                              PdUser             *actor,
                                              gint64              device_id,
                                              GPtrArray          *items,
                                              const char         *notes,
                                              GError            **error);
/* Newest first; a GPtrArray of PdInspection. */
GPtrArray    *pd_store_list_inspections      (PdStore            *self,
                                              gint64              device_id,
                                              GError            **error);
/* When the next inspection is due, µs since the epoch; 0 when the device
 * has no inspection interval. Due from the last inspection, or from when
 * the plan was set. */
gint64        pd_store_get_inspection_due    (PdStore            *self,
                                              gint64              device_id);

G_END_DECLS
