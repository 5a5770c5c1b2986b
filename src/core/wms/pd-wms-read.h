/* pd-wms-read.h — warehouse reads for views: levels, ledger pages, CSV
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "pd-wms.h"

G_BEGIN_DECLS

typedef enum
{
  PD_WMS_LEVEL_NORMAL,
  PD_WMS_LEVEL_BELOW_MIN,
  PD_WMS_LEVEL_ABOVE_MAX,
} PdWmsLevelStatus;

/**
 * PdWmsLevelRow:
 *
 * One on-hand row as the stock levels view shows it: the level of one
 * item at one location and lot, with the thresholds that apply to the
 * item in that location's warehouse and the item's total there, which is
 * what the thresholds (and the stock alarms) are checked against.
 */
typedef struct
{
  gint64  item_id;
  gint64  location_id;
  gint64  lot_id;
  PdQty   qty;
  char   *sku;
  char   *name;
  char   *unit;
  char   *location_code;
  char   *lot_code;        /* or NULL */
  char   *barcodes;        /* the item's barcodes separated by spaces, or NULL */
  gboolean has_min;
  PdQty   min_qty;
  gboolean has_max;
  PdQty   max_qty;
  PdQty   warehouse_qty;
} PdWmsLevelRow;

void              pd_wms_level_row_free        (PdWmsLevelRow       *row);
PdWmsLevelStatus  pd_wms_level_row_get_status  (const PdWmsLevelRow *row);

/* Every on-hand row (qty ≠ 0) by SKU, location code and lot code, read
 * on a connection of the worker's own to DB_PATH. GPtrArray of
 * PdWmsLevelRow. */
void        pd_wms_read_levels_async    (const char           *db_path,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
GPtrArray  *pd_wms_read_levels_finish   (GAsyncResult         *result,
                                         GError              **error);

/* A page of the ledger, newest first: at most LIMIT moves with an id
 * below BEFORE_ID (0: from the newest) and above AFTER_ID (0: any).
 * GPtrArray of PdStockMove with the display fields filled. */
void        pd_wms_read_moves_async     (const char           *db_path,
                                         gint64                before_id,
                                         gint64                after_id,
                                         guint                 limit,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
GPtrArray  *pd_wms_read_moves_finish    (GAsyncResult         *result,
                                         GError              **error);

typedef enum
{
  PD_WMS_EXPORT_LEVELS,
  PD_WMS_EXPORT_LEDGER,
} PdWmsExport;

/* Writes the levels or the whole ledger (newest first) to FILE as CSV
 * (RFC 4180, header row, quantities as exact decimals with '.'), read
 * and written in a worker a batch at a time. */
void        pd_wms_export_csv_async     (const char           *db_path,
                                         PdWmsExport           what,
                                         GFile                *file,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
gboolean    pd_wms_export_csv_finish    (GAsyncResult         *result,
                                         guint64              *n_rows,
                                         GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdWmsLevelRow, pd_wms_level_row_free)

G_END_DECLS
