/* pd-wms-private.h — helpers shared by the warehouse's core files
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "pd-stock-order.h"
#include "pd-store.h"
#include "pd-wms.h"

G_BEGIN_DECLS

/* The checks of pd_item_validate() on a pair of thresholds: not negative,
 * at most PD_QTY_MAX, minimum not above maximum. */
gboolean      _pd_wms_check_thresholds  (gboolean      has_min,
                                         PdQty         min_qty,
                                         gboolean      has_max,
                                         PdQty         max_qty,
                                         GError      **error);

/* Raises or clears the low and high stock alarms of ITEM_ID in
 * WAREHOUSE_ID (0: every warehouse) against its thresholds now, inside
 * WRITE: after a move, and after a threshold changed (pd-store-stock.c). */
gboolean      _pd_stock_update_alarms   (PdWrite      *write,
                                         gint64        item_id,
                                         gint64        warehouse_id,
                                         GError      **error);
/* Registers the formatters of the stock alarms' message keys ("stock.low",
 * "stock.high") with pd-alarm-message.h; pd_core_init() calls it. */
void          _pd_stock_register_alarm_messages (void);

/* Posts MOVES (PdStockMove requests, as pd_store_post_moves() reads them)
 * inside WRITE, with every check, the on-hand update and the stock alarms
 * of pd_store_post_moves(), and emits "stock-changed" after the commit.
 * The moves are filled in place (id, uuid, lot_id, user, station, ts, sku,
 * codes). JSON (may be NULL) gets each move's payload object; DETAIL (may
 * be NULL) the audit description of a single move. The caller's write
 * checks the permission and sets payload and detail. */
gboolean      _pd_stock_post_in_write   (PdWrite      *write,
                                         GPtrArray    *moves,
                                         JsonArray    *json,
                                         char        **detail,
                                         GError      **error);

/* sqlite3_prepare_v2 with the error as a PdError. */
sqlite3_stmt *_pd_wms_prepare           (sqlite3      *db,
                                         const char   *sql,
                                         GError      **error);

/* Appends QTY as a CSV field, or an empty one when not HAS
 * (pd-wms-read.c). */
void          _pd_wms_csv_append_qty    (GString      *line,
                                         gboolean      has,
                                         PdQty         qty,
                                         gboolean      last);

/* Refuses CODE as a new barcode when it is already a barcode of another
 * owner (not item OWN_ITEM_ID / location OWN_LOCATION_ID, 0: none) or the
 * code of another location: the refusal (PD_ERROR_EXISTS) names the
 * other owner. */
gboolean      _pd_wms_check_code_free   (sqlite3      *db,
                                         const char   *code,
                                         gint64        own_item_id,
                                         gint64        own_location_id,
                                         GError      **error);

/* --- Items (pd-store-items.c) --- */

JsonObject   *_pd_item_to_json          (const PdItem *item);
/* NULL and PD_ERROR_NOT_FOUND when there is no item ITEM_ID. */
PdItem       *_pd_item_load             (sqlite3      *db,
                                         gint64        item_id,
                                         GError      **error);

/* Writes items inside a write with statements prepared once: the CSV
 * import reuses them across thousands of rows. */
typedef struct _PdItemWriter PdItemWriter;

PdItemWriter *_pd_item_writer_new       (sqlite3      *db,
                                         GError      **error);
void          _pd_item_writer_free      (PdItemWriter *writer);
/* The id of the item with SKU (any case), 0 if none, -1 on error; the
 * out arguments (may be NULL) are set when found. */
gint64        _pd_item_writer_find_sku  (PdItemWriter *writer,
                                         const char   *sku,
                                         char        **stored_sku,
                                         char        **uuid,
                                         gboolean     *lot_tracked,
                                         GError      **error);
/* ITEM validated, its SKU free: inserts it and its barcodes (each checked
 * to be free); sets id and uuid. */
gboolean      _pd_item_writer_insert    (PdItemWriter *writer,
                                         PdItem       *item,
                                         GError      **error);
/* Updates item ITEM->id (lot_tracked stored WAS_LOT_TRACKED: it changes
 * only while the item has no moves); barcodes replaced. */
gboolean      _pd_item_writer_update    (PdItemWriter *writer,
                                         const PdItem *item,
                                         gboolean      was_lot_tracked,
                                         GError      **error);

/* --- Orders (pd-store-orders.c) --- */

/* The columns _pd_order_from_row() reads, DEST being PD_ORDER_DEST with
 * PD_ORDER_DEST_JOIN in PD_ORDER_FROM; a database from before transfers
 * has no destination, and PD_ORDER_NO_DEST with no join reads it as none. */
#define PD_ORDER_COLUMNS(dest) \
  "o.id, o.uuid, o.ref, o.kind, o.status, COALESCE (o.location_id, 0), l.code, " \
  "o.partner, o.notes, o.tolerance, o.closed_short, o.created_at, o.updated_at, " dest
#define PD_ORDER_DEST       "COALESCE (o.dest_location_id, 0), d.code "
#define PD_ORDER_NO_DEST    "0, NULL "
#define PD_ORDER_N_COLUMNS  15
#define PD_ORDER_DEST_JOIN  "LEFT JOIN locations d ON d.id = o.dest_location_id "
#define PD_ORDER_FROM(join) \
  "FROM stock_orders o LEFT JOIN locations l ON l.id = o.location_id " join

PdStockOrder *_pd_order_from_row        (sqlite3_stmt *stmt);
/* Prepares SQL, or FALLBACK_SQL (may be NULL) when SQL does not prepare:
 * on a database from before transfers. */
sqlite3_stmt *_pd_order_prepare         (sqlite3      *db,
                                         const char   *sql,
                                         const char   *fallback_sql,
                                         GError      **error);
/* The order REF (NULL: none) with its lines; NULL and PD_ERROR_NOT_FOUND
 * when there is none. */
PdStockOrder *_pd_order_load            (sqlite3      *db,
                                         const char   *ref,
                                         GError      **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdItemWriter, _pd_item_writer_free)

G_END_DECLS
