/* pd-warehouse-page-private.h — for the GUI tests and benchmarks
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wms/pd-labels-view.h"
#include "wms/pd-ledger-view.h"
#include "wms/pd-reorder-view.h"
#include "wms/pd-orders-view.h"
#include "wms/pd-scan-view.h"
#include "wms/pd-stock-levels-view.h"
#include "wms/pd-stocktakes-view.h"
#include "wms/pd-warehouse-page.h"

G_BEGIN_DECLS

PdScanView        *_pd_warehouse_page_get_scan_view   (PdWarehousePage *self);
PdOrdersView      *_pd_warehouse_page_get_orders_view (PdWarehousePage *self);
PdStockLevelsView *_pd_warehouse_page_get_levels_view (PdWarehousePage *self);
PdReorderView     *_pd_warehouse_page_get_reorder_view (PdWarehousePage *self);
PdLedgerView      *_pd_warehouse_page_get_ledger_view (PdWarehousePage *self);
PdLabelsView      *_pd_warehouse_page_get_labels_view (PdWarehousePage *self);
PdStocktakesView  *_pd_warehouse_page_get_stocktakes_view (PdWarehousePage *self);

G_END_DECLS
