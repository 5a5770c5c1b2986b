/* pd-store-orders.h — stock orders in the store: create, release, cancel,
 * close, and their execution by scanning
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pd-store.h"
#include "pd-stock-order.h"
#include "pd-wms.h"

G_BEGIN_DECLS

/* Writes go through pd_store_write() with PD_PERMISSION_STOCK_ORDERS
 * (create, release, cancel, close: audit actions "order.create",
 * "order.release", "order.cancel", "order.close") or
 * PD_PERMISSION_STOCK_MOVE (execute: "order.execute"), entity
 * "stock_order". Execution emits "stock-changed" after the commit. */

/* Creates ORDER (kind, ref, location_id, partner, notes, tolerance, its
 * lines) as a draft, or released when RELEASE. Checked: ref 1…64
 * printable characters and free; at least one line; every SKU known;
 * qty > 0 and ≤ PD_QTY_MAX; a lot only for a lot-tracked item; tolerance
 * ≤ PD_ORDER_TOLERANCE_MAX. Sets ORDER's id, uuid, status and the lines'
 * ids and item ids. */
gboolean      pd_store_create_order   (PdStore        *self,
                                       PdUser         *actor,
                                       PdStockOrder   *order,
                                       gboolean        release,
                                       GError        **error);
/* By ref (any case), with its lines; NULL and PD_ERROR_NOT_FOUND "No
 * order “X”." otherwise. */
PdStockOrder *pd_store_get_order      (PdStore        *self,
                                       const char     *ref,
                                       GError        **error);
/* Orders by ref without their lines (lines is empty); STATUS < 0: all. */
GPtrArray    *pd_store_list_orders    (PdStore        *self,
                                       int             status,
                                       GError        **error);
/* draft → released. */
gboolean      pd_store_release_order  (PdStore        *self,
                                       PdUser         *actor,
                                       const char     *ref,
                                       GError        **error);
/* draft or released → cancelled: only before anything was executed. */
gboolean      pd_store_cancel_order   (PdStore        *self,
                                       PdUser         *actor,
                                       const char     *ref,
                                       GError        **error);
/* in-progress → done, closing short: the lines not complete are marked
 * short_closed. An order with nothing executed is cancelled instead, and
 * a done one is done already. *SHORT_LINES (may be NULL) gets the lines
 * that were short (PdStockOrderLine, with their quantities). */
gboolean      pd_store_close_order    (PdStore        *self,
                                       PdUser         *actor,
                                       const char     *ref,
                                       GPtrArray     **short_lines,
                                       GError        **error);

/* One scan confirmed on the execution screen: LOCATION_CODE and ITEM_CODE
 * are codes or barcodes (pd_store_resolve_code). In one write:
 *   - the order is released or in progress;
 *   - the item is on the order (else "SKU-9 is not on order PO-1.");
 *   - the location is inside the order's location (inbound: received
 *     TO it, outbound: issued FROM it);
 *   - the lot: a line's lot must be the one scanned (LOT_CODE NULL or ""
 *     takes the line's); a lot-tracked item without a lot on its line
 *     needs LOT_CODE;
 *   - QTY 0 means the line's remaining quantity (the whole line in one
 *     scan; a scanner station that counts piece by piece passes 1);
 *   - done + QTY may not exceed the line's limit with the order's
 *     tolerance; the refusal names the remaining quantity;
 *   - the move is posted exactly as pd_store_post_moves() posts it (ref =
 *     the order's ref; an issue takes no more than is on hand), the line's
 *     done_qty is raised and the order goes released → in-progress → done
 *     when every line is complete.
 * Refused: nothing recorded. *MOVE_OUT (may be NULL) gets the move. With
 * several lines of one item, the first one not complete that fits the
 * lot is executed. */
gboolean      pd_store_order_execute  (PdStore        *self,
                                       PdUser         *actor,
                                       const char     *order_ref,
                                       const char     *location_code,
                                       const char     *item_code,
                                       const char     *lot_code,
                                       PdQty           qty,
                                       PdStockMove   **move_out,
                                       GError        **error);

/* One scan of a transfer order (PD_ORDER_TRANSFER): as
 * pd_store_order_execute(), but the stock is moved FROM_CODE → TO_CODE,
 * where FROM_CODE must be inside the order's location and TO_CODE inside
 * its destination; the move takes no more than is on hand at FROM_CODE.
 * pd_store_order_execute() on a transfer order, and this on another kind,
 * are refused with a message that says why. */
gboolean      pd_store_order_execute_transfer (PdStore        *self,
                                               PdUser         *actor,
                                               const char     *order_ref,
                                               const char     *from_code,
                                               const char     *to_code,
                                               const char     *item_code,
                                               const char     *lot_code,
                                               PdQty           qty,
                                               PdStockMove   **move_out,
                                               GError        **error);

G_END_DECLS
