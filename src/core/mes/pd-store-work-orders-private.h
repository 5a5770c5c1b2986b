/* pd-store-work-orders-private.h — shared by the work order store files
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "pd-store-work-orders.h"
#include "pd-work-order.h"

G_BEGIN_DECLS

/* The work order ID (when > 0) or NUMBER (any case) with its operations;
 * NULL and PD_ERROR_NOT_FOUND "No work order “X”." when there is none. */
PdWorkOrder  *_pd_work_order_load      (sqlite3      *db,
                                        gint64        id,
                                        const char   *number,
                                        GError      **error);

/* The schedule action on the order NUMBER inside WRITE (its checks, event
 * and derived state), for writes that plan many orders at once. It sets
 * WRITE's entity, detail and payload to this order's: a caller writing
 * several sets its own afterwards. */
gboolean      _pd_work_order_schedule_in_write (PdWrite          *write,
                                                const char       *number,
                                                const PdWoOpPlan *plans,
                                                guint             n_plans,
                                                GError          **error);

G_END_DECLS
