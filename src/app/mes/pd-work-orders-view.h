/* pd-work-orders-view.h — the supervisor's work orders: list and detail
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pd-store.h"
#include "pd-user.h"

G_BEGIN_DECLS

#define PD_TYPE_WORK_ORDERS_VIEW (pd_work_orders_view_get_type ())

G_DECLARE_FINAL_TYPE (PdWorkOrdersView, pd_work_orders_view, PD, WORK_ORDERS_VIEW, GtkBox)

/* Work orders (number, product, quantity, status, priority, due, planned
 * end, good/scrap, late) with search, a status filter and a sort order,
 * read off the UI thread and read again on "work-orders-changed"; the
 * selected order's detail beside them; "New Work Order…" for
 * PD_PERMISSION_MES_PLAN. */
PdWorkOrdersView *pd_work_orders_view_new (PdStore *store,
                                           PdUser  *user);

G_END_DECLS
