/* pd-store-work-orders-private.h — shared by the work order store files
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "pd-work-order.h"

G_BEGIN_DECLS

/* The work order ID (when > 0) or NUMBER (any case) with its operations;
 * NULL and PD_ERROR_NOT_FOUND "No work order “X”." when there is none. */
PdWorkOrder  *_pd_work_order_load      (sqlite3      *db,
                                        gint64        id,
                                        const char   *number,
                                        GError      **error);

G_END_DECLS
