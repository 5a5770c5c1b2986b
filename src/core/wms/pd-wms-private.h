/* pd-wms-private.h — helpers shared by the warehouse's core files
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>
#include <sqlite3.h>

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

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdItemWriter, _pd_item_writer_free)

G_END_DECLS
