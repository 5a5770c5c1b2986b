/* test-wms-master.c — warehouse master data: items, barcodes, locations,
 * thresholds, the item CSV import, permissions and the outbox
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-wms-master"

#include "config.h"

#include <string.h>

#include "pd-store-wms.h"
#include "pd-test-utils.h"

#define QTY(units) ((PdQty) (units) * PD_QTY_ONE)

typedef struct
{
  char    *dir;
  PdStore *store;
  PdUser  *admin;
  PdUser  *supervisor;
  PdUser  *operator;
  PdUser  *warehouse;
  guint    stock_changed;
} Fixture;

static void
stock_changed_cb (PdStore *store,
                  Fixture *f)
{
  f->stock_changed++;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->store = pd_test_store_open_populated (&f->dir);
  f->admin = pd_test_login (f->store, "admin");
  f->supervisor = pd_test_login (f->store, "supervisor");
  f->operator = pd_test_login (f->store, "operator");
  f->warehouse = pd_test_login (f->store, "warehouse");
  g_signal_connect (f->store, "stock-changed", G_CALLBACK (stock_changed_cb), f);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->admin);
  g_clear_object (&f->supervisor);
  g_clear_object (&f->operator);
  g_clear_object (&f->warehouse);
  g_assert_finalize_object (f->store);
  pd_test_data_dir_free (f->dir);
}

/* --- Helpers ---------------------------------------------------------------- */

static gint64
query_int (PdStore    *store,
           const char *sql,
           const char *text)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (pd_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (text != NULL)
    sqlite3_bind_text (stmt, 1, text, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  return value;
}

static char *
query_text (PdStore    *store,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *value;

  g_assert_cmpint (sqlite3_prepare_v2 (pd_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);

  return value;
}

static PdItem *
make_item (const char *sku,
           const char *name,
           const char *unit)
{
  PdItem *item = pd_item_new ();

  item->sku = g_strdup (sku);
  item->name = g_strdup (name);
  item->unit = g_strdup (unit);
  return item;
}

static gint64
add_item (Fixture    *f,
          const char *sku,
          const char *barcode)
{
  g_autoptr(PdItem) item = make_item (sku, "Thing", "pcs");
  g_autoptr(GError) error = NULL;

  if (barcode != NULL)
    g_ptr_array_add (item->barcodes, g_strdup (barcode));
  g_assert_true (pd_store_add_item (f->store, f->admin, item, &error));
  g_assert_no_error (error);
  g_assert_cmpint (item->id, >, 0);
  return item->id;
}

static gint64
add_location (Fixture        *f,
              PdLocationKind  kind,
              const char     *code,
              gint64          parent_id,
              const char     *barcode)
{
  g_autoptr(PdLocation) location = pd_location_new (kind);
  g_autoptr(GError) error = NULL;

  location->code = g_strdup (code);
  location->parent_id = parent_id;
  location->barcode = g_strdup (barcode);
  g_assert_true (pd_store_add_location (f->store, f->admin, location, &error));
  g_assert_no_error (error);
  g_assert_cmpint (location->id, >, 0);
  return location->id;
}

/* --- Validation ------------------------------------------------------------- */

static void
test_validate (void)
{
  g_autoptr(PdItem) item = make_item ("ab c ", "Thing", "pcs");
  g_autoptr(PdLocation) bin = pd_location_new (PD_LOCATION_BIN);
  g_autoptr(GError) error = NULL;
  g_autofree char *long_sku = g_strnfill (PD_SKU_MAX_LENGTH + 1, 'X');
  PdLocationKind kind;
  PdMoveReason reason;

  g_assert_false (pd_item_validate (item, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "SKU “ab c ”"));
  g_clear_error (&error);

  g_free (item->sku);
  item->sku = g_strdup (long_sku);
  g_assert_false (pd_item_validate (item, &error));
  g_assert_nonnull (strstr (error->message, long_sku));
  g_clear_error (&error);

  g_free (item->sku);
  item->sku = g_strdup ("ok");
  g_clear_pointer (&item->unit, g_free);
  g_assert_false (pd_item_validate (item, &error));
  g_assert_nonnull (strstr (error->message, "Unit"));
  g_clear_error (&error);

  item->unit = g_strdup ("pcs");
  item->has_min = item->has_max = TRUE;
  item->min_qty = QTY (5);
  item->max_qty = QTY (3);
  g_assert_false (pd_item_validate (item, &error));
  g_assert_cmpstr (error->message, ==, "Minimum (5) is above maximum (3).");
  g_clear_error (&error);

  item->min_qty = -1;
  g_assert_false (pd_item_validate (item, &error));
  g_assert_nonnull (strstr (error->message, "-0.000001"));
  g_clear_error (&error);

  item->min_qty = QTY (3);
  g_ptr_array_add (item->barcodes, g_strdup ("4000001"));
  g_ptr_array_add (item->barcodes, g_strdup ("4000001"));
  g_assert_false (pd_item_validate (item, &error));
  g_assert_nonnull (strstr (error->message, "4000001"));
  g_clear_error (&error);

  g_ptr_array_remove_index (item->barcodes, 1);
  g_assert_true (pd_item_validate (item, &error));
  g_assert_no_error (error);

  bin->code = g_strdup ("A-01");
  g_assert_false (pd_location_validate (bin, &error));
  g_assert_nonnull (strstr (error->message, "A-01"));
  g_clear_error (&error);
  bin->parent_id = 1;
  bin->allow_negative = TRUE;
  g_assert_false (pd_location_validate (bin, &error));
  g_assert_nonnull (strstr (error->message, "A-01"));
  g_clear_error (&error);

  g_assert_cmpstr (pd_location_kind_to_string (PD_LOCATION_ZONE), ==, "zone");
  g_assert_true (pd_location_kind_from_string ("bin", &kind));
  g_assert_cmpint (kind, ==, PD_LOCATION_BIN);
  g_assert_false (pd_location_kind_from_string ("shelf", &kind));
  g_assert_cmpstr (pd_location_kind_get_label (PD_LOCATION_WAREHOUSE), ==, "Warehouse");
  g_assert_cmpstr (pd_move_reason_to_string (PD_MOVE_ADJUSTMENT), ==, "adjustment");
  g_assert_true (pd_move_reason_from_string ("reversal", &reason));
  g_assert_cmpint (reason, ==, PD_MOVE_REVERSAL);
  g_assert_false (pd_move_reason_from_string ("Receipt", &reason));
  g_assert_cmpstr (pd_move_reason_get_label (PD_MOVE_RECEIPT), ==, "Receipt");
}

/* --- Items ---------------------------------------------------------------- */

static void
test_items (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(PdItem) item = make_item ("BOLT-M8", "Bolt M8×40", "pcs");
  g_autoptr(PdItem) dup = make_item ("bolt-m8", "Other", "pcs");
  g_autoptr(PdItem) found = NULL;
  g_autoptr(PdItem) update = NULL;
  g_autoptr(PdItem) again = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) some = NULL;
  g_autoptr(GError) error = NULL;
  gint64 items_before = pd_test_count_rows (f->store, "items");

  item->category = g_strdup ("Fasteners");
  item->has_min = TRUE;
  item->min_qty = QTY (2) + PD_QTY_ONE / 2;
  g_ptr_array_add (item->barcodes, g_strdup ("4006381333931"));
  g_ptr_array_add (item->barcodes, g_strdup ("BOLT8"));

  g_assert_true (pd_store_add_item (f->store, f->supervisor, item, &error));
  g_assert_no_error (error);
  g_assert_cmpint (item->id, >, 0);
  g_assert_nonnull (item->uuid);
  g_assert_cmpuint (f->stock_changed, ==, 1);

  /* A duplicate SKU in other case is refused; nothing is written. */
  g_assert_false (pd_store_add_item (f->store, f->admin, dup, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_EXISTS);
  g_assert_nonnull (strstr (error->message, "bolt-m8"));
  g_assert_nonnull (strstr (error->message, "BOLT-M8"));
  g_clear_error (&error);
  g_assert_cmpint (dup->id, ==, 0);
  g_assert_cmpint (pd_test_count_rows (f->store, "items"), ==, items_before + 1);

  /* A barcode of another item is refused, naming that item. */
  g_free (dup->sku);
  dup->sku = g_strdup ("NUT-M8");
  g_ptr_array_add (dup->barcodes, g_strdup ("BOLT8"));
  g_assert_false (pd_store_add_item (f->store, f->admin, dup, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_EXISTS);
  g_assert_nonnull (strstr (error->message, "BOLT8"));
  g_assert_nonnull (strstr (error->message, "BOLT-M8"));
  g_clear_error (&error);
  g_assert_cmpint (pd_test_count_rows (f->store, "items"), ==, items_before + 1);
  g_assert_cmpuint (f->stock_changed, ==, 1);

  /* Found by SKU in any case, with everything stored. */
  found = pd_store_find_item (f->store, "Bolt-M8", &error);
  g_assert_no_error (error);
  g_assert_cmpint (found->id, ==, item->id);
  g_assert_cmpstr (found->uuid, ==, item->uuid);
  g_assert_cmpstr (found->name, ==, "Bolt M8×40");
  g_assert_cmpstr (found->category, ==, "Fasteners");
  g_assert_true (found->has_min);
  g_assert_cmpint (found->min_qty, ==, 2500000);
  g_assert_false (found->has_max);
  g_assert_cmpuint (found->barcodes->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (found->barcodes, 0), ==, "4006381333931");
  g_assert_cmpstr (g_ptr_array_index (found->barcodes, 1), ==, "BOLT8");

  g_assert_null (pd_store_find_item (f->store, "NOPE", &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "No item “NOPE”.");
  g_clear_error (&error);

  /* An update keeps the id, the uuid and the SKU; barcodes are replaced. */
  update = pd_item_copy (found);
  g_free (update->name);
  update->name = g_strdup ("Bolt M8×45");
  g_free (update->sku);
  update->sku = g_strdup ("RENAMED");
  g_ptr_array_set_size (update->barcodes, 0);
  g_ptr_array_add (update->barcodes, g_strdup ("BOLT8-NEW"));
  update->has_max = TRUE;
  update->max_qty = QTY (100);
  g_assert_true (pd_store_update_item (f->store, f->admin, update, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->stock_changed, ==, 2);

  again = pd_store_get_item (f->store, item->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (again->id, ==, item->id);
  g_assert_cmpstr (again->uuid, ==, item->uuid);
  g_assert_cmpstr (again->sku, ==, "BOLT-M8");
  g_assert_cmpstr (again->name, ==, "Bolt M8×45");
  g_assert_cmpuint (again->barcodes->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (again->barcodes, 0), ==, "BOLT8-NEW");
  g_assert_cmpint (again->max_qty, ==, QTY (100));
  /* The old barcode is free again. */
  g_assert_cmpint (query_int (f->store, "SELECT COUNT(*) FROM barcodes WHERE code = ?", "BOLT8"), ==, 0);

  /* Updating an item that does not exist. */
  update->id = 99999;
  g_assert_false (pd_store_update_item (f->store, f->admin, update, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A refused update leaves everything as it was. */
  add_item (f, "NUT-M8", "NUT8");
  update->id = item->id;
  g_ptr_array_add (update->barcodes, g_strdup ("NUT8"));
  g_assert_false (pd_store_update_item (f->store, f->admin, update, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_EXISTS);
  g_assert_nonnull (strstr (error->message, "NUT-M8"));
  g_clear_error (&error);
  g_clear_pointer (&again, pd_item_free);
  again = pd_store_get_item (f->store, item->id, &error);
  g_assert_cmpuint (again->barcodes->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (again->barcodes, 0), ==, "BOLT8-NEW");
  g_assert_cmpstr (again->name, ==, "Bolt M8×45");

  add_item (f, "WASHER", NULL);

  /* The list is by SKU; search matches SKU, name, category, barcode. */
  all = pd_store_list_items (f->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 3);
  g_assert_cmpstr (((PdItem *) g_ptr_array_index (all, 0))->sku, ==, "BOLT-M8");
  g_assert_cmpstr (((PdItem *) g_ptr_array_index (all, 1))->sku, ==, "NUT-M8");
  g_assert_cmpstr (((PdItem *) g_ptr_array_index (all, 2))->sku, ==, "WASHER");
  g_assert_cmpuint (((PdItem *) g_ptr_array_index (all, 1))->barcodes->len, ==, 1);

#define SEARCH_COUNT(text, n)                                                  \
  G_STMT_START {                                                               \
    g_clear_pointer (&some, g_ptr_array_unref);                                \
    some = pd_store_list_items (f->store, text, &error);                       \
    g_assert_no_error (error);                                                 \
    g_assert_cmpuint (some->len, ==, n);                                       \
  } G_STMT_END

  SEARCH_COUNT ("m8", 2);
  SEARCH_COUNT ("fasten", 1);
  SEARCH_COUNT ("×45", 1);
  SEARCH_COUNT ("nut8", 1);
  g_assert_cmpstr (((PdItem *) g_ptr_array_index (some, 0))->sku, ==, "NUT-M8");
  SEARCH_COUNT ("%", 0);
  SEARCH_COUNT ("_", 0);
  SEARCH_COUNT ("washer", 1);
  SEARCH_COUNT ("zzz", 0);

  /* Case folding beyond ASCII. */
  {
    g_autoptr(PdItem) washer = pd_store_find_item (f->store, "WASHER", &error);

    g_free (washer->name);
    washer->name = g_strdup ("ШАЙБА Äußere");
    g_assert_true (pd_store_update_item (f->store, f->admin, washer, &error));
    g_assert_no_error (error);
  }
  SEARCH_COUNT ("шайба", 1);
  g_assert_cmpstr (((PdItem *) g_ptr_array_index (some, 0))->sku, ==, "WASHER");
  SEARCH_COUNT ("äUSSERE", 1);
  SEARCH_COUNT ("×45", 1);
  g_assert_cmpuint (((PdItem *) g_ptr_array_index (some, 0))->barcodes->len, ==, 1);
  SEARCH_COUNT ("ä", 1);
  SEARCH_COUNT ("ö", 0);
#undef SEARCH_COUNT
}

static void
test_resolve (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(PdItem) clash = make_item ("CLASH", "Clash", "pcs");
  g_autoptr(PdLocation) loc = NULL;
  g_autoptr(GError) error = NULL;
  gint64 wh, bin, item, item_id, location_id;

  wh = add_location (f, PD_LOCATION_WAREHOUSE, "WH1", 0, NULL);
  bin = add_location (f, PD_LOCATION_BIN, "A-01-01", wh, "LOC-0001");
  item = add_item (f, "SKU-1", "4001234567890");

#define RESOLVE(code, want_item, want_location)                                \
  G_STMT_START {                                                               \
    item_id = location_id = -1;                                                \
    g_assert_true (pd_store_resolve_code (f->store, code, &item_id, &location_id, &error)); \
    g_assert_no_error (error);                                                 \
    g_assert_cmpint (item_id, ==, want_item);                                  \
    g_assert_cmpint (location_id, ==, want_location);                          \
  } G_STMT_END

  RESOLVE ("4001234567890", item, 0);
  RESOLVE ("4001234567890\r\n", item, 0);
  RESOLVE ("SKU-1", item, 0);
  RESOLVE ("sku-1", item, 0);
  RESOLVE ("LOC-0001", 0, bin);
  RESOLVE ("A-01-01", 0, bin);
  RESOLVE ("a-01-01", 0, bin);
  RESOLVE ("wh1", 0, wh);
#undef RESOLVE

  item_id = location_id = -1;
  g_assert_false (pd_store_resolve_code (f->store, "UNKNOWN-9", &item_id, &location_id, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "Unknown code “UNKNOWN-9”.");
  g_assert_cmpint (item_id, ==, 0);
  g_assert_cmpint (location_id, ==, 0);
  g_clear_error (&error);
  g_assert_false (pd_store_resolve_code (f->store, "", &item_id, &location_id, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* An item barcode may be neither a location's barcode nor its code. */
  g_ptr_array_add (clash->barcodes, g_strdup ("LOC-0001"));
  g_assert_false (pd_store_add_item (f->store, f->admin, clash, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_EXISTS);
  g_assert_nonnull (strstr (error->message, "A-01-01"));
  g_clear_error (&error);

  g_ptr_array_set_size (clash->barcodes, 0);
  g_ptr_array_add (clash->barcodes, g_strdup ("a-01-01"));
  g_assert_false (pd_store_add_item (f->store, f->admin, clash, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_EXISTS);
  g_assert_nonnull (strstr (error->message, "A-01-01"));
  g_clear_error (&error);

  /* And a location barcode is no item's barcode nor another location's code. */
  loc = pd_location_new (PD_LOCATION_BIN);
  loc->code = g_strdup ("A-01-02");
  loc->parent_id = wh;
  loc->barcode = g_strdup ("4001234567890");
  g_assert_false (pd_store_add_location (f->store, f->admin, loc, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_EXISTS);
  g_assert_nonnull (strstr (error->message, "SKU-1"));
  g_clear_error (&error);

  g_free (loc->barcode);
  loc->barcode = g_strdup ("WH1");
  g_assert_false (pd_store_add_location (f->store, f->admin, loc, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_EXISTS);
  g_assert_nonnull (strstr (error->message, "WH1"));
  g_clear_error (&error);

  g_free (loc->barcode);
  loc->barcode = g_strdup ("LOC-0001");
  g_assert_false (pd_store_add_location (f->store, f->admin, loc, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_EXISTS);
  g_assert_nonnull (strstr (error->message, "A-01-01"));
  g_clear_error (&error);

  /* Nor may a location's code be an item's barcode. */
  g_free (loc->barcode);
  loc->barcode = NULL;
  g_free (loc->code);
  loc->code = g_strdup ("4001234567890");
  g_assert_false (pd_store_add_location (f->store, f->admin, loc, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_EXISTS);
  g_assert_nonnull (strstr (error->message, "SKU-1"));
  g_clear_error (&error);
  g_assert_cmpint (pd_test_count_rows (f->store, "locations"), ==, 2);
}

/* --- Locations -------------------------------------------------------------- */

static void
test_locations (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(PdLocation) loc = NULL;
  g_autoptr(PdLocation) got = NULL;
  g_autoptr(GError) error = NULL;
  gint64 wh1, wh2, z1, z2, a01, a02, b01;
  const char *order[] = { "WH1", "Z1", "A-01", "A-02", "Z2", "WH2", "B-01" };

  wh2 = add_location (f, PD_LOCATION_WAREHOUSE, "WH2", 0, NULL);
  wh1 = add_location (f, PD_LOCATION_WAREHOUSE, "WH1", 0, NULL);
  z2 = add_location (f, PD_LOCATION_ZONE, "Z2", wh1, NULL);
  z1 = add_location (f, PD_LOCATION_ZONE, "Z1", wh1, NULL);
  a02 = add_location (f, PD_LOCATION_BIN, "A-02", z1, NULL);
  a01 = add_location (f, PD_LOCATION_BIN, "A-01", z1, "BIN-A01");
  b01 = add_location (f, PD_LOCATION_BIN, "B-01", wh2, NULL);
  g_assert_cmpuint (f->stock_changed, ==, 7);

  got = pd_store_get_location (f->store, a01, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (got->code, ==, "A-01");
  g_assert_cmpint (got->kind, ==, PD_LOCATION_BIN);
  g_assert_cmpint (got->parent_id, ==, z1);
  g_assert_cmpint (got->warehouse_id, ==, wh1);
  g_assert_cmpstr (got->barcode, ==, "BIN-A01");
  g_clear_pointer (&got, pd_location_free);

  got = pd_store_find_location (f->store, "wh1", &error);
  g_assert_no_error (error);
  g_assert_cmpint (got->id, ==, wh1);
  g_assert_cmpint (got->warehouse_id, ==, wh1);
  g_assert_cmpint (got->parent_id, ==, 0);
  g_clear_pointer (&got, pd_location_free);

  g_assert_null (pd_store_find_location (f->store, "nowhere", &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Depth first, children by code. */
  list = pd_store_list_locations (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, G_N_ELEMENTS (order));
  for (guint i = 0; i < list->len; i++)
    g_assert_cmpstr (((PdLocation *) g_ptr_array_index (list, i))->code, ==, order[i]);
  g_assert_cmpint (((PdLocation *) g_ptr_array_index (list, 6))->warehouse_id, ==, wh2);

  /* Refusals: a bin under a bin, a missing parent, a duplicate code,
   * negative stock on a zone, a warehouse with a parent. */
  loc = pd_location_new (PD_LOCATION_BIN);
  loc->code = g_strdup ("A-01-X");
  loc->parent_id = a01;
  g_assert_false (pd_store_add_location (f->store, f->admin, loc, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "A-01"));
  g_clear_error (&error);

  loc->parent_id = 4242;
  g_assert_false (pd_store_add_location (f->store, f->admin, loc, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "4242"));
  g_clear_error (&error);

  loc->parent_id = z1;
  g_free (loc->code);
  loc->code = g_strdup ("a-02");
  g_assert_false (pd_store_add_location (f->store, f->admin, loc, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_EXISTS);
  g_assert_nonnull (strstr (error->message, "A-02"));
  g_clear_error (&error);

  loc->kind = PD_LOCATION_ZONE;
  g_free (loc->code);
  loc->code = g_strdup ("Z3");
  loc->allow_negative = TRUE;
  g_assert_false (pd_store_add_location (f->store, f->admin, loc, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_clear_error (&error);

  loc->kind = PD_LOCATION_WAREHOUSE;
  g_assert_false (pd_store_add_location (f->store, f->admin, loc, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (pd_test_count_rows (f->store, "locations"), ==, 7);

  /* Update: a cycle is refused; moving a zone moves its subtree. */
  got = pd_store_get_location (f->store, z1, &error);
  got->parent_id = a02;
  g_assert_false (pd_store_update_location (f->store, f->admin, got, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_clear_error (&error);

  got->parent_id = z1;
  g_assert_false (pd_store_update_location (f->store, f->admin, got, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_clear_error (&error);

  got->kind = PD_LOCATION_ZONE;
  got->parent_id = z2;
  g_assert_true (pd_store_update_location (f->store, f->admin, got, &error));
  got->kind = PD_LOCATION_BIN;
  g_assert_false (pd_store_update_location (f->store, f->admin, got, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Z1"));
  g_clear_error (&error);

  /* Which locations are warehouses is fixed. */
  got->kind = PD_LOCATION_WAREHOUSE;
  got->parent_id = 0;
  g_assert_false (pd_store_update_location (f->store, f->admin, got, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Z1"));
  g_clear_error (&error);
  g_clear_pointer (&got, pd_location_free);
  got = pd_store_get_location (f->store, wh2, &error);
  got->kind = PD_LOCATION_ZONE;
  got->parent_id = wh1;
  g_assert_false (pd_store_update_location (f->store, f->admin, got, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "WH2"));
  g_clear_error (&error);

  /* Z2 (with Z1, A-01, A-02 below it) moves to WH2. */
  g_clear_pointer (&got, pd_location_free);
  got = pd_store_get_location (f->store, z2, &error);
  got->parent_id = wh2;
  g_free (got->name);
  got->name = g_strdup ("Cold zone");
  g_assert_true (pd_store_update_location (f->store, f->admin, got, &error));
  g_assert_no_error (error);
  g_clear_pointer (&got, pd_location_free);
  got = pd_store_get_location (f->store, a01, &error);
  g_assert_cmpint (got->warehouse_id, ==, wh2);
  g_assert_cmpstr (got->barcode, ==, "BIN-A01");
  g_clear_pointer (&got, pd_location_free);
  got = pd_store_get_location (f->store, z2, &error);
  g_assert_cmpstr (got->name, ==, "Cold zone");
  g_assert_cmpint (got->warehouse_id, ==, wh2);

  /* Negative stock on a warehouse: allowed and stored. */
  g_clear_pointer (&got, pd_location_free);
  got = pd_store_get_location (f->store, wh1, &error);
  got->allow_negative = TRUE;
  g_free (got->barcode);
  got->barcode = g_strdup ("WH-ONE");
  g_assert_true (pd_store_update_location (f->store, f->admin, got, &error));
  g_assert_no_error (error);
  g_clear_pointer (&got, pd_location_free);
  got = pd_store_find_location (f->store, "WH-ONE", &error);
  g_assert_error (error, PD_ERROR, PD_ERROR_NOT_FOUND);
  g_clear_error (&error);
  got = pd_store_get_location (f->store, wh1, &error);
  g_assert_true (got->allow_negative);
  g_assert_cmpstr (got->barcode, ==, "WH-ONE");

  g_clear_pointer (&list, g_ptr_array_unref);
  list = pd_store_list_locations (f->store, &error);
  {
    const char *moved[] = { "WH1", "WH2", "B-01", "Z2", "Z1", "A-01", "A-02" };

    for (guint i = 0; i < list->len; i++)
      g_assert_cmpstr (((PdLocation *) g_ptr_array_index (list, i))->code, ==, moved[i]);
  }
  (void) b01;
}

static void
test_thresholds (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 wh, zone, item;

  wh = add_location (f, PD_LOCATION_WAREHOUSE, "WH1", 0, NULL);
  zone = add_location (f, PD_LOCATION_ZONE, "Z1", wh, NULL);
  item = add_item (f, "SKU-1", NULL);

  g_assert_true (pd_store_set_item_threshold (f->store, f->supervisor, item, wh,
                                              TRUE, QTY (2), TRUE, QTY (10), &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (f->store, "SELECT min_qty FROM item_thresholds", NULL), ==, QTY (2));
  g_assert_cmpint (query_int (f->store, "SELECT max_qty FROM item_thresholds", NULL), ==, QTY (10));

  /* Changed in place. */
  g_assert_true (pd_store_set_item_threshold (f->store, f->admin, item, wh,
                                              TRUE, QTY (3), FALSE, 0, &error));
  g_assert_cmpint (pd_test_count_rows (f->store, "item_thresholds"), ==, 1);
  g_assert_cmpint (query_int (f->store, "SELECT max_qty IS NULL FROM item_thresholds", NULL), ==, 1);

  g_assert_false (pd_store_set_item_threshold (f->store, f->admin, item, wh,
                                               TRUE, QTY (5), TRUE, QTY (3), &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "Minimum (5) is above maximum (3).");
  g_clear_error (&error);

  g_assert_false (pd_store_set_item_threshold (f->store, f->admin, item, zone,
                                               TRUE, QTY (1), FALSE, 0, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Z1"));
  g_clear_error (&error);

  g_assert_false (pd_store_set_item_threshold (f->store, f->admin, 777, wh,
                                               TRUE, QTY (1), FALSE, 0, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_false (pd_store_set_item_threshold (f->store, f->operator, item, wh,
                                               TRUE, QTY (1), FALSE, 0, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  g_assert_cmpint (query_int (f->store, "SELECT min_qty FROM item_thresholds", NULL), ==, QTY (3));

  g_assert_cmpint (query_int (f->store, "SELECT COUNT(*) FROM audit_log WHERE action = ? AND result = 'ok'",
                              "stock.threshold"), ==, 2);

  /* Neither: back to the item's defaults. */
  g_assert_true (pd_store_set_item_threshold (f->store, f->admin, item, wh,
                                              FALSE, 0, FALSE, 0, &error));
  g_assert_cmpint (pd_test_count_rows (f->store, "item_thresholds"), ==, 0);
}

/* --- CSV import ------------------------------------------------------------- */

static void
test_import (Fixture       *f,
             gconstpointer  data)
{
  const char *good =
    "\xEF\xBB\xBFsku,name,unit,category,barcodes,min,max,lot_tracked\r\n"
    "SKU-1,\"Bolt, M8 × 40\",pcs,Fasteners,4000001|4000002,2.5,100,no\r\n"
    "SKU-2,六角螺栓 M10,pcs,紧固件,,,,\r\n"
    "\r\n"
    "SKU-3,\"Oil \"\"premium\"\"\",l,,4000003,0.25,,true\r\n";
  const char *bad =
    "sku,name,unit,min,max\n"
    "SKU-4,Ok,pcs,1,2\n"
    "SKU-5,Bad min,pcs,1e3,\n"
    "SKU-6,Also ok,pcs,,\n"
    "SKU-7,Min above max,pcs,5,3\n";
  const char *update =
    "SKU,Name,Unit,Barcodes,min\n"
    "sku-1,Bolt M8×45,pcs,4000009,\n"
    "SKU-8,New,kg,,1\n";
  g_autoptr(PdItem) item = NULL;
  g_autoptr(GError) error = NULL;
  guint added = 99, updated = 99;
  gint64 items_before = pd_test_count_rows (f->store, "items");
  gint64 outbox_before = pd_test_count_rows (f->store, "outbox");

  g_assert_true (pd_store_import_items (f->store, f->supervisor, good, strlen (good),
                                        &added, &updated, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (added, ==, 3);
  g_assert_cmpuint (updated, ==, 0);
  g_assert_cmpint (pd_test_count_rows (f->store, "items"), ==, items_before + 3);
  g_assert_cmpuint (f->stock_changed, ==, 1);
  /* One write: one audit record, one outbox entry. */
  g_assert_cmpint (pd_test_count_rows (f->store, "outbox"), ==, outbox_before + 1);
  g_assert_cmpint (query_int (f->store, "SELECT COUNT(*) FROM audit_log WHERE action = ?", "item.import"), ==, 1);

  item = pd_store_find_item (f->store, "SKU-1", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (item->name, ==, "Bolt, M8 × 40");
  g_assert_cmpstr (item->category, ==, "Fasteners");
  g_assert_cmpuint (item->barcodes->len, ==, 2);
  g_assert_cmpint (item->min_qty, ==, 2500000);
  g_assert_cmpint (item->max_qty, ==, QTY (100));
  g_assert_false (item->lot_tracked);
  g_clear_pointer (&item, pd_item_free);

  item = pd_store_find_item (f->store, "SKU-2", &error);
  g_assert_cmpstr (item->name, ==, "六角螺栓 M10");
  g_assert_cmpstr (item->category, ==, "紧固件");
  g_assert_false (item->has_min);
  g_assert_cmpuint (item->barcodes->len, ==, 0);
  g_clear_pointer (&item, pd_item_free);

  item = pd_store_find_item (f->store, "SKU-3", &error);
  g_assert_cmpstr (item->name, ==, "Oil \"premium\"");
  g_assert_null (item->category);
  g_assert_true (item->lot_tracked);
  g_assert_cmpint (item->min_qty, ==, 250000);
  g_clear_pointer (&item, pd_item_free);

  /* All or nothing: two bad lines, both named, nothing written. */
  g_assert_false (pd_store_import_items (f->store, f->admin, bad, strlen (bad), &added, &updated, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Line 3: "));
  g_assert_nonnull (strstr (error->message, "1e3"));
  g_assert_nonnull (strstr (error->message, "Line 5: "));
  g_assert_nonnull (strstr (error->message, "Minimum (5) is above maximum (3)."));
  g_assert_null (strstr (error->message, "Line 2"));
  g_assert_null (strstr (error->message, "Line 4"));
  g_clear_error (&error);
  g_assert_cmpint (pd_test_count_rows (f->store, "items"), ==, items_before + 3);
  g_assert_cmpuint (f->stock_changed, ==, 1);

  /* A clash with the database is found in the write, named by line, and
   * rolls back the lines before it. */
  {
    const char *clash = "sku,name,unit,barcodes\nSKU-9,Fine,pcs,\nSKU-10,Clash,pcs,4000003\n";

    g_assert_false (pd_store_import_items (f->store, f->admin, clash, strlen (clash), NULL, NULL, &error));
    g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "Line 3: "));
    g_assert_nonnull (strstr (error->message, "SKU-3"));
    g_clear_error (&error);
    g_assert_cmpint (pd_test_count_rows (f->store, "items"), ==, items_before + 3);
  }

  /* Duplicates inside the file; a missing column; an empty file. */
  {
    const char *dups = "sku,name,unit,barcodes\nA,a,pcs,X1\na,b,pcs,\nB,c,pcs,X1\n";
    const char *missing = "sku,name\nA,a\n";

    g_assert_false (pd_store_import_items (f->store, f->admin, dups, strlen (dups), NULL, NULL, &error));
    g_assert_nonnull (strstr (error->message, "Line 3: "));
    g_assert_nonnull (strstr (error->message, "Line 4: "));
    g_clear_error (&error);
    g_assert_false (pd_store_import_items (f->store, f->admin, missing, strlen (missing), NULL, NULL, &error));
    g_assert_nonnull (strstr (error->message, "unit"));
    g_clear_error (&error);
    g_assert_false (pd_store_import_items (f->store, f->admin, "", 0, NULL, NULL, &error));
    g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
    g_clear_error (&error);
  }

  /* An existing SKU (in other case) is updated, keeping its SKU and id. */
  {
    g_autoptr(PdItem) before = pd_store_find_item (f->store, "SKU-1", NULL);

    g_assert_true (pd_store_import_items (f->store, f->admin, update, strlen (update),
                                          &added, &updated, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (added, ==, 1);
    g_assert_cmpuint (updated, ==, 1);
    item = pd_store_find_item (f->store, "SKU-1", &error);
    g_assert_cmpint (item->id, ==, before->id);
    g_assert_cmpstr (item->uuid, ==, before->uuid);
    g_assert_cmpstr (item->sku, ==, "SKU-1");
    g_assert_cmpstr (item->name, ==, "Bolt M8×45");
    /* Columns the file lacks keep what is stored; an empty field clears. */
    g_assert_cmpstr (item->category, ==, "Fasteners");
    g_assert_cmpint (item->max_qty, ==, QTY (100));
    g_assert_false (item->has_min);
    g_assert_cmpuint (item->barcodes->len, ==, 1);
    g_assert_cmpstr (g_ptr_array_index (item->barcodes, 0), ==, "4000009");
    g_assert_cmpuint (f->stock_changed, ==, 2);
  }

  /* A maximum below the stored minimum is refused, naming the line. */
  {
    const char *below = "sku,name,unit,max\nSKU-3,Oil,l,0.1\n";

    g_assert_false (pd_store_import_items (f->store, f->admin, below, strlen (below), NULL, NULL, &error));
    g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
    g_assert_cmpstr (error->message, ==, "Line 2: Minimum (0.25) is above maximum (0.1).");
    g_clear_error (&error);
    g_clear_pointer (&item, pd_item_free);
    item = pd_store_find_item (f->store, "SKU-3", &error);
    g_assert_cmpstr (item->name, ==, "Oil \"premium\"");
    g_assert_false (item->has_max);
  }

  /* The payload lists the items with quantities as strings. */
  {
    g_autofree char *min = query_text (f->store,
                                       "SELECT json_extract (payload, '$.items[0].min') FROM outbox "
                                       "WHERE entity = 'item' ORDER BY station_seq DESC LIMIT 1");
    g_autofree char *added_text = query_text (f->store,
                                              "SELECT json_extract (payload, '$.items[1].min') FROM outbox "
                                              "WHERE entity = 'item' ORDER BY station_seq DESC LIMIT 1");

    g_assert_null (min);
    g_assert_cmpstr (added_text, ==, "1");
    g_assert_cmpint (query_int (f->store,
                                "SELECT json_type (payload, '$.items[1].min') = 'text' FROM outbox "
                                "WHERE entity = ? ORDER BY station_seq DESC LIMIT 1", "item"), ==, 1);
  }
}

/* --- Permissions and the outbox ---------------------------------------------- */

static void
test_permissions (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(PdItem) item = make_item ("SKU-P", "Thing", "pcs");
  g_autoptr(PdLocation) wh = pd_location_new (PD_LOCATION_WAREHOUSE);
  g_autoptr(GError) error = NULL;
  const char *csv = "sku,name,unit\nSKU-Q,Q,pcs\n";

  g_assert_false (pd_store_add_item (f->store, f->operator, item, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  g_assert_false (pd_store_add_item (f->store, f->warehouse, item, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);

  wh->code = g_strdup ("WH-P");
  g_assert_false (pd_store_add_location (f->store, f->operator, wh, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);

  g_assert_false (pd_store_import_items (f->store, f->operator, csv, strlen (csv), NULL, NULL, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);

  g_assert_cmpint (pd_test_count_rows (f->store, "items"), ==, 0);
  g_assert_cmpint (pd_test_count_rows (f->store, "locations"), ==, 0);
  g_assert_cmpuint (f->stock_changed, ==, 0);

  /* Each refusal is audited, with the operator's name. */
  g_assert_cmpint (query_int (f->store,
                              "SELECT COUNT(*) FROM audit_log WHERE result = 'denied' AND action = 'item.add' "
                              "AND user_name = ?", "operator"), ==, 1);
  g_assert_cmpint (query_int (f->store,
                              "SELECT COUNT(*) FROM audit_log WHERE result = 'denied' AND action = 'location.add' "
                              "AND user_name = ?", "operator"), ==, 1);
  g_assert_cmpint (query_int (f->store,
                              "SELECT COUNT(*) FROM audit_log WHERE result = 'denied' AND action = 'item.import' "
                              "AND user_name = ?", "operator"), ==, 1);

  /* A supervisor may. */
  g_assert_true (pd_store_add_item (f->store, f->supervisor, item, &error));
  g_assert_no_error (error);
  g_assert_true (pd_store_add_location (f->store, f->supervisor, wh, &error));
  g_assert_no_error (error);

  g_assert_cmpstr (pd_audit_action_get_label ("item.import"), ==, "Imported items");
  g_assert_cmpstr (pd_audit_entity_get_label ("location"), ==, "Location");
}

static void
test_outbox (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(PdItem) item = make_item ("SKU-O", "Thing", "pcs");
  g_autoptr(GError) error = NULL;
  g_autofree char *min = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *warehouse_uuid = NULL;
  gint64 wh, bin;

  item->has_min = TRUE;
  item->min_qty = 2500000;
  g_ptr_array_add (item->barcodes, g_strdup ("X-1"));
  g_assert_true (pd_store_add_item (f->store, f->admin, item, &error));

  min = query_text (f->store,
                    "SELECT json_extract (payload, '$.min') FROM outbox WHERE entity = 'item' "
                    "AND operation = 'insert'");
  g_assert_cmpstr (min, ==, "2.5");
  g_assert_cmpint (query_int (f->store,
                              "SELECT json_type (payload, '$.min') = 'text' AND json_type (payload, '$.max') = 'null' "
                              "FROM outbox WHERE entity = ?", "item"), ==, 1);
  uuid = query_text (f->store, "SELECT entity_id FROM outbox WHERE entity = 'item'");
  g_assert_cmpstr (uuid, ==, item->uuid);
  g_assert_cmpint (query_int (f->store,
                              "SELECT json_extract (payload, '$.barcodes[0]') = 'X-1' FROM outbox "
                              "WHERE entity = ?", "item"), ==, 1);

  wh = add_location (f, PD_LOCATION_WAREHOUSE, "WH1", 0, NULL);
  bin = add_location (f, PD_LOCATION_BIN, "A-01", wh, NULL);
  warehouse_uuid = query_text (f->store,
                               "SELECT json_extract (payload, '$.warehouse_uuid') FROM outbox "
                               "WHERE entity = 'location' ORDER BY station_seq DESC LIMIT 1");
  g_assert_cmpint (query_int (f->store, "SELECT COUNT(*) FROM locations WHERE uuid = ?", warehouse_uuid), ==, 1);
  g_assert_cmpint (query_int (f->store,
                              "SELECT json_extract (payload, '$.kind') = 'bin' FROM outbox "
                              "WHERE entity = ? ORDER BY station_seq DESC LIMIT 1", "location"), ==, 1);
  g_assert_cmpint (query_int (f->store, "SELECT COUNT(*) FROM audit_log WHERE action = ?", "location.add"), ==, 2);
  (void) bin;
}

static void
test_lots (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GPtrArray) lots = NULL;
  g_autoptr(GPtrArray) moves = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_stock_move_free);
  g_autoptr(PdItem) item = make_item ("LOT-1", "Resin", "kg");
  g_autoptr(GError) error = NULL;
  PdStockMove *move;
  gint64 wh, other;

  item->lot_tracked = TRUE;
  g_assert_true (pd_store_add_item (f->store, f->admin, item, &error));
  other = add_item (f, "PLAIN", NULL);
  wh = add_location (f, PD_LOCATION_WAREHOUSE, "WH1", 0, NULL);

  lots = pd_store_list_lots (f->store, item->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lots->len, ==, 0);
  g_clear_pointer (&lots, g_ptr_array_unref);

  /* Receipts make lots by code. */
  for (guint i = 0; i < 2; i++)
    {
      move = pd_stock_move_new ();
      move->reason = PD_MOVE_RECEIPT;
      move->item_id = item->id;
      move->to_location = wh;
      move->qty = QTY (1);
      move->lot_code = g_strdup (i == 0 ? "L-B" : "L-A");
      g_ptr_array_add (moves, move);
    }
  g_assert_true (pd_store_post_moves (f->store, f->warehouse, moves, &error));
  g_assert_no_error (error);

  lots = pd_store_list_lots (f->store, item->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lots->len, ==, 2);
  g_assert_cmpstr (((PdLot *) g_ptr_array_index (lots, 0))->code, ==, "L-A");
  g_assert_cmpstr (((PdLot *) g_ptr_array_index (lots, 1))->code, ==, "L-B");
  g_assert_cmpint (((PdLot *) g_ptr_array_index (lots, 0))->item_id, ==, item->id);
  g_assert_nonnull (((PdLot *) g_ptr_array_index (lots, 0))->uuid);
  g_clear_pointer (&lots, g_ptr_array_unref);

  lots = pd_store_list_lots (f->store, other, &error);
  g_assert_cmpuint (lots->len, ==, 0);

  /* Once it has moves, an item keeps its lot tracking. */
  item->lot_tracked = FALSE;
  g_assert_false (pd_store_update_item (f->store, f->admin, item, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "LOT-1"));
  g_clear_error (&error);
  item->lot_tracked = TRUE;
  g_free (item->name);
  item->name = g_strdup ("Resin, grade B");
  g_assert_true (pd_store_update_item (f->store, f->admin, item, &error));
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  g_test_add_func ("/wms/master/validate", test_validate);
  ADD ("/wms/master/items", test_items);
  ADD ("/wms/master/resolve", test_resolve);
  ADD ("/wms/master/locations", test_locations);
  ADD ("/wms/master/thresholds", test_thresholds);
  ADD ("/wms/master/import", test_import);
  ADD ("/wms/master/permissions", test_permissions);
  ADD ("/wms/master/outbox", test_outbox);
  ADD ("/wms/master/lots", test_lots);

  ret = g_test_run ();

  pd_test_populated_template_free ();
  return ret;
}
