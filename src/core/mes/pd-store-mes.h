/* pd-store-mes.h — MES master data in the store
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pd-mes.h"
#include "pd-store.h"

G_BEGIN_DECLS

/* Every write goes through pd_store_write() with PD_PERMISSION_MES_MASTER
 * (supervisor, admin). Audit actions: "workcenter.add",
 * "workcenter.update", "bom.set", "routing.set"; the outbox payload is the
 * written record as JSON (pd_*_to_json). */

/* --- Work centers (pd-store-work-centers.c) ------------------------------ */

/* Adds WC (validated; code free; tags and locations must exist). Sets its
 * id, uuid and the ids of its tags and locations. */
gboolean      pd_store_add_work_center     (PdStore       *self,
                                            PdUser        *actor,
                                            PdWorkCenter  *wc,
                                            GError       **error);
/* Updates the work center WC->id: everything, shifts and exceptions
 * replaced. */
gboolean      pd_store_update_work_center  (PdStore       *self,
                                            PdUser        *actor,
                                            const PdWorkCenter *wc,
                                            GError       **error);
/* By code (any case), or NULL and PD_ERROR_NOT_FOUND "No work center “X”." */
PdWorkCenter *pd_store_find_work_center    (PdStore       *self,
                                            const char    *code,
                                            GError       **error);
PdWorkCenter *pd_store_get_work_center     (PdStore       *self,
                                            gint64         work_center_id,
                                            GError       **error);
/* By code; GPtrArray of PdWorkCenter with their shifts. */
GPtrArray    *pd_store_list_work_centers   (PdStore       *self,
                                            GError       **error);
/* The calendar of the work center WORK_CENTER_ID in TZ (NULL: local). */
PdWorkCalendar *pd_store_get_work_center_calendar (PdStore  *self,
                                            gint64         work_center_id,
                                            GTimeZone     *tz,
                                            GError       **error);

/* --- Bills of materials and routings (pd-store-boms.c) ------------------- */

/* Stores BOM (validated) for BOM->product_sku (or BOM->product_id) as a
 * new version, the active one; older versions are kept, inactive.
 * Refuses unknown products and components, and cycles: a product that is,
 * through the active BOMs of its components, its own component ("A → B →
 * A"). Sets id, uuid, product_id, version and the component ids. */
gboolean      pd_store_set_bom             (PdStore       *self,
                                            PdUser        *actor,
                                            PdBom         *bom,
                                            GError       **error);
/* Version VERSION (0: the active one) of PRODUCT_ID's bill of materials
 * into *BOM, or *BOM NULL when there is none. FALSE only on errors. */
gboolean      pd_store_get_bom             (PdStore       *self,
                                            gint64         product_id,
                                            guint          version,
                                            PdBom        **bom,
                                            GError       **error);
/* Every version, newest first, with lines. GPtrArray of PdBom. */
GPtrArray    *pd_store_list_bom_versions   (PdStore       *self,
                                            gint64         product_id,
                                            GError       **error);

/* Stores ROUTING (validated) for ROUTING->product_sku (or product_id) as a
 * new active version. Refuses unknown products and work centers. */
gboolean      pd_store_set_routing         (PdStore       *self,
                                            PdUser        *actor,
                                            PdRouting     *routing,
                                            GError       **error);
gboolean      pd_store_get_routing         (PdStore       *self,
                                            gint64         product_id,
                                            guint          version,
                                            PdRouting    **routing,
                                            GError       **error);

G_END_DECLS
