/* pd-test-utils.h
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pd-core.h"

G_BEGIN_DECLS

/* A fresh temporary data directory; removed by pd_test_data_dir_free(). */
char    *pd_test_data_dir_new          (void);
void     pd_test_data_dir_free         (char       *dir);
/* Removes DIR and everything below it. */
void     pd_test_rm_rf                 (const char *dir);
/* Opens a store in DIR, set up with station "Test station" and one user of
 * each role: admin, supervisor, operator, warehouse, all with password
 * PD_TEST_PASSWORD. */
PdStore *pd_test_store_new_populated   (const char *dir);
PdUser  *pd_test_login                 (PdStore    *store,
                                        const char *name);
/* A fresh temporary data directory holding a copy of a populated store
 * (see pd_test_store_new_populated()). The store is populated once per test
 * program and copied: hashing four passwords for every test would make a
 * suite slow. Free the directory with pd_test_data_dir_free() and, at the
 * end of main(), the original with pd_test_populated_template_free(). */
char    *pd_test_data_dir_new_populated  (void);
void     pd_test_populated_template_free (void);
/* Opens the store of a fresh pd_test_data_dir_new_populated() (set in
 * *DIR, for pd_test_data_dir_free()); fails the test when it cannot. */
PdStore *pd_test_store_open_populated    (char      **dir);
/* Counts rows of TABLE (a fixed table name from the test itself). */
gint64   pd_test_count_rows            (PdStore    *store,
                                        const char *table);
/* Spins the default main context until *FLAG is TRUE or SECONDS pass. */
gboolean pd_test_wait_for             (gboolean   *flag,
                                        double      seconds);

/* A Modbus TCP device on loopback, unit 1, enabled and in service. */
PdDevice *pd_test_tcp_device_new       (gint64      id,
                                        const char *name,
                                        guint       port,
                                        guint       timeout_ms,
                                        guint       poll_ms);
/* A tag; writable when its area is. */
PdTag    *pd_test_tag_new              (gint64      id,
                                        gint64      device_id,
                                        const char *name,
                                        PdArea      area,
                                        guint       address,
                                        PdTagType   type,
                                        PdOrder     byte_order,
                                        PdOrder     word_order);
/* Adds a Modbus TCP device NAME at 127.0.0.1:1502 to STORE as USER and
 * returns its id. */
gint64    pd_test_store_add_device     (PdStore    *store,
                                        PdUser     *user,
                                        const char *name);
/* Adds a tag of DEVICE_ID to STORE as USER and returns its id; UNIT may be
 * NULL. */
gint64    pd_test_store_add_tag        (PdStore    *store,
                                        PdUser     *user,
                                        gint64      device_id,
                                        const char *name,
                                        PdArea      area,
                                        guint       address,
                                        PdTagType   type,
                                        const char *unit);

/* --- The warehouse ------------------------------------------------------- */

/* The locations of pd_test_add_warehouses(). */
typedef struct
{
  gint64 wh1;        /* WH1 → Z1 → */
  gint64 z1;
  gint64 a01;
  gint64 a02;
  gint64 wh2;        /* WH2 → B-01 */
  gint64 b01;
} PdTestLocations;

/* Adds a location to STORE as USER and returns its id; BARCODE may be
 * NULL, PARENT_ID 0. */
gint64    pd_test_add_location         (PdStore        *store,
                                        PdUser         *user,
                                        PdLocationKind  kind,
                                        const char     *code,
                                        const char     *barcode,
                                        gint64          parent_id);
/* Adds item SKU ("Item SKU") in UNIT to STORE as USER and returns its id;
 * BARCODE may be NULL. */
gint64    pd_test_add_item             (PdStore        *store,
                                        PdUser         *user,
                                        const char     *sku,
                                        const char     *unit,
                                        const char     *barcode,
                                        gboolean        lot_tracked);
/* Adds, in this order, warehouse WH1 with zone Z1 and in it bins A-01
 * (with barcode A01_BARCODE, which may be NULL) and A-02, then warehouse
 * WH2 with bin B-01. */
void      pd_test_add_warehouses       (PdStore         *store,
                                        PdUser          *user,
                                        const char      *a01_barcode,
                                        PdTestLocations *locations);
/* Adds item SKU ("Part SKU") in pieces with the default thresholds given
 * (HAS_MIN, HAS_MAX: whether there is one); BARCODE may be NULL. */
gint64    pd_test_add_part             (PdStore        *store,
                                        PdUser         *user,
                                        const char     *sku,
                                        const char     *barcode,
                                        gboolean        has_min,
                                        PdQty           min_qty,
                                        gboolean        has_max,
                                        PdQty           max_qty);
/* TEXT as an exact quantity; fails the test when it is not one. */
PdQty     pd_test_qty                  (const char     *text);
/* Asserts that VALUE reads as EXPECTED ("5.5"). */
void      pd_test_assert_qty           (PdQty           value,
                                        const char     *expected);
/* Sets the default thresholds of ITEM_ID as USER: MIN and MAX as text,
 * NULL for none. */
void      pd_test_set_item_thresholds  (PdStore        *store,
                                        PdUser         *user,
                                        gint64          item_id,
                                        const char     *min,
                                        const char     *max);
/* Posts one move of QTY of ITEM_ID (of lot LOT, may be NULL) from FROM to
 * TO (0: none) as USER; fails the test when it is refused. */
void      pd_test_post_move            (PdStore        *store,
                                        PdUser         *user,
                                        gint64          item_id,
                                        const char     *lot,
                                        gint64          from,
                                        gint64          to,
                                        PdQty           qty,
                                        PdMoveReason    reason);
/* A new order of KIND, REF, at LOCATION_ID (to DEST_ID for a transfer,
 * else 0) with TOLERANCE and LINES ("SKU:QTY[:LOT]", NULL-terminated),
 * not stored yet. */
PdStockOrder *pd_test_order_new        (PdOrderKind         kind,
                                        const char         *ref,
                                        gint64              location_id,
                                        gint64              dest_id,
                                        guint               tolerance,
                                        const char * const *lines);
/* The first column of the first row of SQL (a fixed query), or -1 when
 * there is no row. */
gint64    pd_test_query_int            (PdStore    *store,
                                        const char *sql);
/* Asserts that pd_store_check_stock() finds stock_levels as the ledger
 * has it. */
void      pd_test_assert_stock_agrees  (PdStore    *store);

#define PD_TEST_PASSWORD "correct-horse-1"

G_END_DECLS
