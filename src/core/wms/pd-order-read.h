/* pd-order-read.h — stock orders read for views, off the UI thread
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "pd-stock-order.h"

G_BEGIN_DECLS

/**
 * PdOrderSummary:
 *
 * One order as the orders list shows it: the order without its lines
 * (order->lines is empty), how many lines it has and how many are
 * complete, and the sums of the lines' quantities. done_qty counts each
 * line at most up to its quantity, so that an over-receipt within the
 * tolerance does not show more than all of the order done.
 */
typedef struct
{
  PdStockOrder *order;
  guint         n_lines;
  guint         n_lines_done;
  PdQty         qty;
  PdQty         done_qty;
} PdOrderSummary;

void          pd_order_summary_free          (PdOrderSummary       *summary);
/* done_qty / qty in 0…1 (1 for an order without lines). */
double        pd_order_summary_get_fraction  (const PdOrderSummary *summary);

/* Every order (STATUS < 0) or those of STATUS, by ref, read on a
 * connection of the worker's own to DB_PATH. GPtrArray of
 * PdOrderSummary. */
void          pd_order_read_list_async       (const char           *db_path,
                                              int                   status,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
GPtrArray    *pd_order_read_list_finish      (GAsyncResult         *result,
                                              GError              **error);

/* The order REF (any case) with its lines, read on a connection of the
 * worker's own; PD_ERROR_NOT_FOUND "No order “X”." when there is none. */
void          pd_order_read_one_async        (const char           *db_path,
                                              const char           *ref,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
PdStockOrder *pd_order_read_one_finish       (GAsyncResult         *result,
                                              GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdOrderSummary, pd_order_summary_free)

G_END_DECLS
