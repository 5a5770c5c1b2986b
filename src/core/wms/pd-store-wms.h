/* pd-store-wms.h — the warehouse in the store: master data and the ledger
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pd-store.h"
#include "pd-wms.h"

G_BEGIN_DECLS

/* Every write goes through pd_store_write() with one of:
 *   PD_PERMISSION_STOCK_MASTER  (supervisor, admin): items, locations,
 *                                thresholds, the negative-stock setting
 *   PD_PERMISSION_STOCK_MOVE    (warehouse, supervisor, admin): receive,
 *                                issue, transfer, lots made on receipt
 *   PD_PERMISSION_STOCK_ADJUST  (supervisor, admin): adjustments and
 *                                reversals
 * and emits the store's "stock-changed" signal after the commit. Audit
 * actions: "item.add", "item.update", "item.import", "location.add",
 * "location.update", "stock.threshold", "stock.move" (one audit record and
 * one outbox entry per posted batch of moves, the payload listing every
 * move with quantities as strings). */

/* --- Items (pd-store-items.c) -------------------------------------------- */

/* Adds ITEM (validated; SKU and barcodes unique, a barcode also not a
 * location's). Sets its id and uuid. */
gboolean      pd_store_add_item            (PdStore       *self,
                                            PdUser        *actor,
                                            PdItem        *item,
                                            GError       **error);
/* Updates the item with ITEM->id: name, unit, category, lot_tracked (not
 * once it has moves), barcodes (replaced), default thresholds. */
gboolean      pd_store_update_item         (PdStore       *self,
                                            PdUser        *actor,
                                            const PdItem  *item,
                                            GError       **error);
/* By SKU (any case), or NULL and PD_ERROR_NOT_FOUND "No item “X”." */
PdItem       *pd_store_find_item           (PdStore       *self,
                                            const char    *sku,
                                            GError       **error);
PdItem       *pd_store_get_item            (PdStore       *self,
                                            gint64         item_id,
                                            GError       **error);
/* Items by SKU; SEARCH (NULL: all) matches SKU, name, category or a
 * barcode, any case. GPtrArray of PdItem. */
GPtrArray    *pd_store_list_items          (PdStore       *self,
                                            const char    *search,
                                            GError       **error);
/* What a scanned CODE means: an item (its barcode or SKU) or a location
 * (its barcode or code). Exactly one of *ITEM_ID / *LOCATION_ID is set;
 * FALSE and PD_ERROR_NOT_FOUND "Unknown code “X”." otherwise. Indexed
 * lookups only: this is on the scan path. */
gboolean      pd_store_resolve_code        (PdStore       *self,
                                            const char    *code,
                                            gint64        *item_id,
                                            gint64        *location_id,
                                            GError       **error);
/* Item CSV (RFC 4180, header row): sku,name,unit required; category,
 * barcodes (separated by '|'), min, max, lot_tracked optional. All or
 * nothing: one error names every bad line ("Line 3: …"). Existing SKUs
 * are updated. *ADDED / *UPDATED may be NULL. */
gboolean      pd_store_import_items        (PdStore       *self,
                                            PdUser        *actor,
                                            const char    *csv,
                                            gsize          length,
                                            guint         *added,
                                            guint         *updated,
                                            GError       **error);

/* --- Locations and lots (pd-store-locations.c) --------------------------- */

/* Adds LOCATION; a location with a parent is a zone when the parent is a
 * warehouse or zone and LOCATION->kind says so, else a bin. Sets id, uuid
 * and warehouse_id. */
gboolean      pd_store_add_location        (PdStore       *self,
                                            PdUser        *actor,
                                            PdLocation    *location,
                                            GError       **error);
gboolean      pd_store_update_location     (PdStore       *self,
                                            PdUser        *actor,
                                            const PdLocation *location,
                                            GError       **error);
PdLocation   *pd_store_find_location       (PdStore       *self,
                                            const char    *code,
                                            GError       **error);
PdLocation   *pd_store_get_location        (PdStore       *self,
                                            gint64         location_id,
                                            GError       **error);
/* Depth first, children by code: the tree as people read it. */
GPtrArray    *pd_store_list_locations      (PdStore       *self,
                                            GError       **error);
/* A warehouse's own thresholds for ITEM_ID (HAS_MIN FALSE: none). */
gboolean      pd_store_set_item_threshold  (PdStore       *self,
                                            PdUser        *actor,
                                            gint64         item_id,
                                            gint64         warehouse_id,
                                            gboolean       has_min,
                                            PdQty          min_qty,
                                            gboolean       has_max,
                                            PdQty          max_qty,
                                            GError       **error);
GPtrArray    *pd_store_list_lots           (PdStore       *self,
                                            gint64         item_id,
                                            GError       **error);

/* --- The ledger (pd-store-stock.c) --------------------------------------- */

/* Posts MOVES (PdStockMove requests) in one BEGIN IMMEDIATE write with
 * PERMISSION (STOCK_MOVE, or STOCK_ADJUST for adjustments and reversals):
 *   - each move is checked: item exists; a lot-tracked item names a lot
 *     (a receipt may create it by code, other moves need an existing one),
 *     an item without lots names none; locations exist and are bins or
 *     zones or warehouses (any node may hold stock); qty > 0 and ≤
 *     PD_QTY_MAX; from ≠ to; the reason fits the direction;
 *   - stock_levels is updated in the same transaction; a move that would
 *     take the on-hand of (item, from, lot) below zero is refused, unless
 *     the from location's warehouse allows negative stock, with
 *     PD_ERROR_INSUFFICIENT and the quantity available in the message
 *     ("Only 3 pcs of SKU-1 at A-01-01; 5 asked."). The check reads the
 *     level inside the transaction, so two processes racing for the last
 *     unit cannot both win;
 *   - after the moves, the low/high stock alarms of every (item,
 *     warehouse) touched are raised or cleared through
 *     pd_write_set_alarm_source() in the same transaction (source
 *     "stock:<item uuid>@<warehouse uuid>", priority high for below
 *     minimum, medium for above maximum);
 * all or nothing. Sets id, uuid, user_name, station_id and ts of each
 * move on success. */
gboolean      pd_store_post_moves          (PdStore       *self,
                                            PdUser        *actor,
                                            GPtrArray     *moves,
                                            GError       **error);
/* Posts the reversal of MOVE_ID (once only; PD_ERROR_EXISTS after). */
gboolean      pd_store_reverse_move        (PdStore       *self,
                                            PdUser        *actor,
                                            gint64         move_id,
                                            const char    *ref,
                                            GError       **error);
/* On-hand rows; ITEM_ID / LOCATION_ID 0: any. With a location, its whole
 * subtree counts. Rows with qty 0 are left out. GPtrArray of PdStockLevel,
 * by SKU, location code, lot code. */
GPtrArray    *pd_store_list_stock_levels   (PdStore       *self,
                                            gint64         item_id,
                                            gint64         location_id,
                                            GError       **error);
/* The sum on hand of ITEM_ID in LOCATION_ID's subtree (0: everywhere). */
PdQty         pd_store_get_on_hand         (PdStore       *self,
                                            gint64         item_id,
                                            gint64         location_id,
                                            GError       **error);
/* Newest first; ITEM_ID 0: all; LIMIT 0: 1,000. BEFORE_ID > 0 pages on:
 * only moves with a smaller id. GPtrArray of PdStockMove. */
GPtrArray    *pd_store_list_moves          (PdStore       *self,
                                            gint64         item_id,
                                            gint64         before_id,
                                            guint          limit,
                                            GError       **error);
/* Rebuilds on-hand from the ledger and compares it with stock_levels:
 * returns the rows that differ (PdStockLevel with qty = ledger's and
 * *STORED_QTY…) as text lines "SKU-1 at A-01 lot L1: ledger 5, on hand 4"
 * in a GPtrArray of char * (empty: they agree), or NULL and ERROR. */
GPtrArray    *pd_store_check_stock         (PdStore       *self,
                                            GError       **error);

G_END_DECLS
