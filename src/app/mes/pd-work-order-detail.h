/* pd-work-order-detail.h — one work order: header, operations, events, BOM
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pd-store-worker.h"
#include "pd-store.h"

G_BEGIN_DECLS

#define PD_TYPE_WORK_ORDER_DETAIL (pd_work_order_detail_get_type ())

G_DECLARE_FINAL_TYPE (PdWorkOrderDetail, pd_work_order_detail, PD, WORK_ORDER_DETAIL, GtkBox)

/* Reads in WORKER's thread, writes through it; reloads on the store's
 * "work-orders-changed". Actions by state and PD_PERMISSION_MES_PLAN:
 * release, issue, cancel (confirmed), close; print the traveler or save
 * it as PDF. */
GtkWidget  *pd_work_order_detail_new        (PdStore           *store,
                                             PdUser            *user,
                                             PdStoreWorker     *worker);
/* Shows the order NUMBER (NULL: none). */
void        pd_work_order_detail_set_number (PdWorkOrderDetail *self,
                                             const char        *number);
const char *pd_work_order_detail_get_number (PdWorkOrderDetail *self);

G_END_DECLS
