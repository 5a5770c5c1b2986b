/* pd-bench-wms.h — the warehouse benchmarks' SQL helpers and stock ledger
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "pd-core.h"

G_BEGIN_DECLS

/* The ledger of pd_bench_wms_fill_ledger(). */
#define PD_BENCH_WMS_N_ITEMS 100000
#define PD_BENCH_WMS_N_MOVES (1000 * 1000)
#define PD_BENCH_WMS_N_ZONES 10
#define PD_BENCH_WMS_N_BINS  1000          /* 100 a zone */

/* SQL on the store's database, written directly; any failure is fatal. */
void          pd_bench_sql_exec    (sqlite3      *db,
                                    const char   *sql);
sqlite3_stmt *pd_bench_sql_prepare (sqlite3      *db,
                                    const char   *sql);
/* Steps STMT to its end and resets it. */
void          pd_bench_sql_step    (sqlite3_stmt *stmt);

/* The value at fraction P (0.5: the median) of the N VALUES; sorts them. */
double        pd_bench_percentile  (double       *values,
                                    guint         n,
                                    double        p);

/* Items 1…PD_BENCH_WMS_N_ITEMS ("SKU-000001", "Item 1" …), warehouse 1
 * with zones 2…11 and bins after them, and PD_BENCH_WMS_N_MOVES moves
 * written directly in one transaction: every item has a home bin it is
 * received into, issued from and transferred out of, never below zero;
 * item 1 has a tenth of all moves. With WITH_BARCODES, every item has the
 * barcode "EAN-<item id>" and every bin "LOC-<bin code>". stock_levels is
 * then derived from the moves in SQL (pd_store_check_stock() confirms it)
 * and the database analysed. Returns the home bin of item 1. */
gint64        pd_bench_wms_fill_ledger (sqlite3  *db,
                                        gboolean  with_barcodes);

G_END_DECLS
