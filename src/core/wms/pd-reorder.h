/* pd-reorder.h — reorder suggestions: what to order to bring stock back
 * to its maximum
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

#include "pd-stock-order.h"
#include "pd-store.h"
#include "pd-wms.h"

G_BEGIN_DECLS

/* The rule is a min/max (s, S) replenishment, per item and warehouse, on
 * the quantity projected from what is on hand and what is on order:
 *
 *   projected = on hand + on order
 *   with a minimum:    order when projected < min,
 *                      up to the maximum (or to the minimum with no maximum)
 *   maximum only:      order when projected ≤ 0 (a stock-out), up to the maximum
 *   suggested          = target − projected, exact (PdQty).
 *
 * On hand is the sum over the warehouse's whole subtree, every lot. On
 * order is what remains (qty − done, never below 0) on the lines of the
 * inbound orders that are not done or cancelled — drafts included, since
 * a draft is a replenishment already decided; leaving it out would make
 * the same suggestion again — whose location lies in that warehouse.
 * An inbound order without a location may be received anywhere: where
 * there is only one warehouse it counts there; with several it is counted
 * in none (it would be counted once per warehouse) and each row shows it
 * as on_order_unplaced instead, so that nobody orders it twice unseen.
 *
 * Which (item, warehouse) pairs are looked at: those with the warehouse's
 * own thresholds (item_thresholds); and, with the item's default
 * thresholds, the warehouses where the item has been stocked or is on
 * order — or the only warehouse there is — so that a default minimum does
 * not ask to stock every item in every warehouse of the plant.
 *
 * A row is listed when its on hand alone is at the reorder point (below
 * the minimum, or ≤ 0 with a maximum only); SUGGESTED is 0 when what is on
 * order already covers it, so that the list still shows that it is low
 * and why nothing more is suggested. */

/**
 * PdReorderRow:
 */
typedef struct
{
  gint64    item_id;
  gint64    warehouse_id;
  char     *sku;
  char     *name;
  char     *unit;
  char     *warehouse_code;
  gboolean  has_min;
  PdQty     min_qty;
  gboolean  has_max;
  PdQty     max_qty;
  PdQty     on_hand;
  PdQty     on_order;
  PdQty     on_order_unplaced;  /* open inbound of the item with no location, not in on_order */
  PdQty     suggested;          /* 0: what is on order covers it */
} PdReorderRow;

void          pd_reorder_row_free      (PdReorderRow *row);
PdReorderRow *pd_reorder_row_copy      (const PdReorderRow *row);

/* The rule above for one pair: TRUE when ON_HAND alone is at the reorder
 * point (the pair is listed); *SUGGESTED gets the quantity to order (0
 * when covered). FALSE with ERROR only on overflow, never silently
 * wrapped. */
gboolean      pd_reorder_compute       (gboolean      has_min,
                                        PdQty         min_qty,
                                        gboolean      has_max,
                                        PdQty         max_qty,
                                        PdQty         on_hand,
                                        PdQty         on_order,
                                        gboolean     *listed,
                                        PdQty        *suggested,
                                        GError      **error);

/* The listed rows, by SKU then warehouse code; WAREHOUSE_ID 0: every
 * warehouse. Reads on DB (any connection of the caller's thread). GPtrArray of
 * PdReorderRow. */
GPtrArray    *pd_reorder_read          (sqlite3      *db,
                                        gint64        warehouse_id,
                                        GError      **error);
/* The same on the store's connection (plantdesk-ctl). */
GPtrArray    *pd_store_list_reorder    (PdStore      *self,
                                        gint64        warehouse_id,
                                        GError      **error);
/* The same on a connection of the worker's own to DB_PATH. */
void          pd_reorder_read_async    (const char           *db_path,
                                        gint64                warehouse_id,
                                        GCancellable         *cancellable,
                                        GAsyncReadyCallback   callback,
                                        gpointer              user_data);
GPtrArray    *pd_reorder_read_finish   (GAsyncResult         *result,
                                        GError              **error);

/* ROWS as CSV (RFC 4180, header row "sku,name,warehouse,on_hand,on_order,
 * on_order_unplaced,min,max,suggested,unit", quantities as exact decimals
 * with '.', an absent threshold empty). */
char         *pd_reorder_to_csv        (GPtrArray    *rows);

/* Inbound draft orders for the rows of ROWS with a suggestion: one per
 * warehouse (its location the warehouse), a line per item with the
 * suggested quantity. The ref is REF with one warehouse, "REF-<warehouse
 * code>" with several; PARTNER may be NULL. GPtrArray of PdStockOrder, for
 * pd_store_create_order(); empty when nothing is suggested. */
GPtrArray    *pd_reorder_build_orders  (GPtrArray    *rows,
                                        const char   *ref,
                                        const char   *partner);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdReorderRow, pd_reorder_row_free)

G_END_DECLS
