/* test-wms-reorder.c — reorder suggestions: below the minimum back to the
 * maximum, what is on order, per-warehouse thresholds, exact decimals
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-wms-reorder"

#include "config.h"

#include <string.h>

#include "pd-error.h"
#include "pd-reorder.h"
#include "pd-store-orders.h"
#include "pd-store-wms.h"
#include "pd-test-utils.h"

#define QTY(units) ((PdQty) (units) * PD_QTY_ONE)

typedef struct
{
  char    *dir;
  PdStore *store;
  PdUser  *admin;
  PdTestLocations loc;
  gint64   sku1;       /* pcs */
  gint64   sku2;       /* kg */
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->store = pd_test_store_open_populated (&f->dir);
  f->admin = pd_test_login (f->store, "admin");
  pd_test_add_warehouses (f->store, f->admin, NULL, &f->loc);
  f->sku1 = pd_test_add_item (f->store, f->admin, "SKU-1", "pcs", NULL, FALSE);
  f->sku2 = pd_test_add_item (f->store, f->admin, "SKU-2", "kg", NULL, FALSE);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->admin);
  g_assert_finalize_object (f->store);
  pd_test_data_dir_free (f->dir);
}

/* --- Helpers ---------------------------------------------------------------- */

static PdQty
qty (const char *text)
{
  return pd_test_qty (text);
}

/* The item's default thresholds; NULL text: none. */
static void
set_own (Fixture    *f,
         gint64      item_id,
         gint64      warehouse_id,
         const char *min,
         const char *max)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (pd_store_set_item_threshold (f->store, f->admin, item_id, warehouse_id,
                                              min != NULL, min != NULL ? qty (min) : 0,
                                              max != NULL, max != NULL ? qty (max) : 0,
                                              &error));
  g_assert_no_error (error);
}

static void
post (Fixture      *f,
      gint64        item_id,
      gint64        from,
      gint64        to,
      const char   *text)
{
  pd_test_post_move (f->store, f->admin, item_id, NULL, from, to, qty (text),
                     from == 0 ? PD_MOVE_RECEIPT : to == 0 ? PD_MOVE_ISSUE : PD_MOVE_TRANSFER);
}

static void
order (Fixture    *f,
       const char *ref,
       gint64      location_id,
       gboolean    release,
       const char *sku,
       const char *text)
{
  g_autoptr(PdStockOrder) o = pd_stock_order_new (PD_ORDER_INBOUND);
  g_autoptr(GError) error = NULL;

  o->ref = g_strdup (ref);
  o->location_id = location_id;
  pd_stock_order_add_line (o, sku, NULL, qty (text));
  g_assert_true (pd_store_create_order (f->store, f->admin, o, release, &error));
  g_assert_no_error (error);
}

static GPtrArray *
list (Fixture *f,
      gint64   warehouse_id)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *rows = pd_store_list_reorder (f->store, warehouse_id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (rows);
  return rows;
}

static const PdReorderRow *
find (GPtrArray  *rows,
      const char *sku,
      const char *warehouse)
{
  for (guint i = 0; i < rows->len; i++)
    {
      const PdReorderRow *row = g_ptr_array_index (rows, i);

      if (g_str_equal (row->sku, sku) && g_str_equal (row->warehouse_code, warehouse))
        return row;
    }
  return NULL;
}

/* --- Tests ------------------------------------------------------------------ */

static void
test_below_min (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = NULL;
  const PdReorderRow *row;

  pd_test_set_item_thresholds (f->store, f->admin, f->sku1, "20", "50");
  /* On hand is the warehouse's whole subtree: a bin and its zone. */
  post (f, f->sku1, 0, f->loc.a01, "3");
  post (f, f->sku1, 0, f->loc.z1, "1");

  rows = list (f, 0);
  g_assert_cmpuint (rows->len, ==, 1);
  row = find (rows, "SKU-1", "WH1");
  g_assert_nonnull (row);
  g_assert_cmpint (row->item_id, ==, f->sku1);
  g_assert_cmpint (row->warehouse_id, ==, f->loc.wh1);
  g_assert_cmpstr (row->unit, ==, "pcs");
  pd_test_assert_qty (row->on_hand, "4");
  pd_test_assert_qty (row->on_order, "0");
  pd_test_assert_qty (row->min_qty, "20");
  pd_test_assert_qty (row->max_qty, "50");
  /* Back to the maximum, not to the minimum. */
  pd_test_assert_qty (row->suggested, "46");
}

static void
test_on_order (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  const PdReorderRow *row;

  pd_test_set_item_thresholds (f->store, f->admin, f->sku1, "20", "50");
  post (f, f->sku1, 0, f->loc.a01, "4");

  /* Released into a bin of WH1: on order in WH1. */
  order (f, "PO-1", f->loc.a02, TRUE, "SKU-1", "10");
  rows = list (f, 0);
  row = find (rows, "SKU-1", "WH1");
  pd_test_assert_qty (row->on_order, "10");
  /* 4 + 10 is still below 20: up to 50 from 14. */
  pd_test_assert_qty (row->suggested, "36");
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* A draft is a replenishment already decided: counted. What is on
   * order now covers it; the row stays, low, with nothing suggested. */
  order (f, "PO-2", f->loc.wh1, FALSE, "SKU-1", "36");
  rows = list (f, 0);
  row = find (rows, "SKU-1", "WH1");
  g_assert_nonnull (row);
  pd_test_assert_qty (row->on_order, "46");
  pd_test_assert_qty (row->suggested, "0");
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* Cancelled: no longer on order. */
  g_assert_true (pd_store_cancel_order (f->store, f->admin, "PO-2", &error));
  g_assert_no_error (error);
  /* Into WH2: not WH1's. */
  order (f, "PO-3", f->loc.b01, TRUE, "SKU-1", "7");
  /* Partly received: what remains is on order, what came is on hand. */
  g_assert_true (pd_store_order_execute (f->store, f->admin, "PO-1", "A-02", "SKU-1", NULL,
                                         QTY (4), NULL, &error));
  g_assert_no_error (error);
  rows = list (f, 0);
  row = find (rows, "SKU-1", "WH1");
  g_assert_nonnull (row);
  pd_test_assert_qty (row->on_hand, "8");
  pd_test_assert_qty (row->on_order, "6");
  pd_test_assert_qty (row->suggested, "36");
  /* WH2 now keeps SKU-1 (it is on order there): its default thresholds
   * apply, and its own order counts. */
  row = find (rows, "SKU-1", "WH2");
  g_assert_nonnull (row);
  pd_test_assert_qty (row->on_hand, "0");
  pd_test_assert_qty (row->on_order, "7");
  pd_test_assert_qty (row->suggested, "43");
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* An order for anywhere, with two warehouses: counted in neither, shown
   * beside both. */
  order (f, "PO-4", 0, TRUE, "SKU-1", "5");
  rows = list (f, 0);
  row = find (rows, "SKU-1", "WH1");
  pd_test_assert_qty (row->on_order, "6");
  pd_test_assert_qty (row->on_order_unplaced, "5");
  pd_test_assert_qty (row->suggested, "36");
  row = find (rows, "SKU-1", "WH2");
  pd_test_assert_qty (row->on_order_unplaced, "5");
}

static void
test_single_warehouse (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = pd_test_data_dir_new_populated ();
  g_autoptr(PdStore) store = pd_store_open (dir, &error);
  g_autoptr(PdUser) admin = NULL;
  g_autoptr(PdStockOrder) o = pd_stock_order_new (PD_ORDER_INBOUND);
  g_autoptr(PdItem) item = pd_item_new ();
  const PdReorderRow *row;
  gint64 wh;

  g_assert_no_error (error);
  admin = pd_test_login (store, "admin");
  wh = pd_test_add_location (store, admin, PD_LOCATION_WAREHOUSE, "MAIN", NULL, 0);
  pd_test_add_location (store, admin, PD_LOCATION_BIN, "M-01", NULL, wh);
  item->sku = g_strdup ("NEW-1");
  item->name = g_strdup ("New item");
  item->unit = g_strdup ("pcs");
  item->has_min = TRUE;
  item->min_qty = QTY (5);
  g_assert_true (pd_store_add_item (store, admin, item, &error));
  g_assert_no_error (error);

  /* Never stocked, but the plant's only warehouse keeps it: to the
   * minimum, there being no maximum. */
  rows = pd_store_list_reorder (store, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);
  row = g_ptr_array_index (rows, 0);
  g_assert_cmpstr (row->warehouse_code, ==, "MAIN");
  pd_test_assert_qty (row->suggested, "5");
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* An order without a location can only arrive there. */
  o->ref = g_strdup ("PO-ANY");
  pd_stock_order_add_line (o, "NEW-1", NULL, QTY (2));
  g_assert_true (pd_store_create_order (store, admin, o, TRUE, &error));
  g_assert_no_error (error);
  rows = pd_store_list_reorder (store, 0, &error);
  g_assert_no_error (error);
  row = g_ptr_array_index (rows, 0);
  pd_test_assert_qty (row->on_order, "2");
  pd_test_assert_qty (row->on_order_unplaced, "0");
  pd_test_assert_qty (row->suggested, "3");

  g_clear_object (&admin);
  g_clear_pointer (&rows, g_ptr_array_unref);
  g_assert_finalize_object (g_steal_pointer (&store));
  pd_test_data_dir_free (g_steal_pointer (&dir));
}

static void
test_override (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = NULL;
  const PdReorderRow *row;

  pd_test_set_item_thresholds (f->store, f->admin, f->sku1, "10", "50");
  post (f, f->sku1, 0, f->loc.a01, "4");
  post (f, f->sku1, 0, f->loc.b01, "1");
  /* WH2's own: a small buffer. */
  set_own (f, f->sku1, f->loc.wh2, "2", "5");

  rows = list (f, 0);
  g_assert_cmpuint (rows->len, ==, 2);
  row = find (rows, "SKU-1", "WH1");
  pd_test_assert_qty (row->suggested, "46");
  row = find (rows, "SKU-1", "WH2");
  pd_test_assert_qty (row->min_qty, "2");
  pd_test_assert_qty (row->max_qty, "5");
  pd_test_assert_qty (row->suggested, "4");
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* Only one warehouse asked for. */
  rows = list (f, f->loc.wh2);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpstr (((PdReorderRow *) g_ptr_array_index (rows, 0))->warehouse_code, ==, "WH2");
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* WH1's own minimum below its 4 overrides the default of 10. */
  set_own (f, f->sku1, f->loc.wh1, "3", NULL);
  rows = list (f, 0);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_null (find (rows, "SKU-1", "WH1"));
  g_assert_nonnull (find (rows, "SKU-1", "WH2"));
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* A warehouse's own thresholds apply even where the item never was. */
  set_own (f, f->sku2, f->loc.wh2, "1", NULL);
  rows = list (f, 0);
  row = find (rows, "SKU-2", "WH2");
  g_assert_nonnull (row);
  pd_test_assert_qty (row->suggested, "1");
  /* The item's defaults do not: SKU-1's ask nothing of a warehouse that
   * does not keep it. */
  g_assert_null (find (rows, "SKU-2", "WH1"));
}

static void
test_within_band (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = NULL;

  pd_test_set_item_thresholds (f->store, f->admin, f->sku1, "10", "50");
  pd_test_set_item_thresholds (f->store, f->admin, f->sku2, "10", "50");
  /* Exactly at the minimum is not below it; above the maximum asks for
   * nothing either. */
  post (f, f->sku1, 0, f->loc.a01, "10");
  post (f, f->sku2, 0, f->loc.a01, "60");
  rows = list (f, 0);
  g_assert_cmpuint (rows->len, ==, 0);
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* One issue below: listed. */
  post (f, f->sku1, f->loc.a01, 0, "0.000001");
  rows = list (f, 0);
  g_assert_cmpuint (rows->len, ==, 1);
  pd_test_assert_qty (((PdReorderRow *) g_ptr_array_index (rows, 0))->suggested, "40.000001");
}

static void
test_exact (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *csv = NULL;
  const PdReorderRow *row;

  pd_test_set_item_thresholds (f->store, f->admin, f->sku2, "0.3", "1.1");
  /* 0.1 + 0.1 is 0.2 exactly, below 0.3: 1.1 − 0.2 is 0.9, exactly. */
  post (f, f->sku2, 0, f->loc.a01, "0.1");
  post (f, f->sku2, 0, f->loc.a02, "0.1");
  rows = list (f, 0);
  row = find (rows, "SKU-2", "WH1");
  g_assert_nonnull (row);
  g_assert_cmpint (row->on_hand, ==, 200000);
  g_assert_cmpint (row->suggested, ==, 900000);
  pd_test_assert_qty (row->suggested, "0.9");

  csv = pd_reorder_to_csv (rows);
  g_assert_cmpstr (csv, ==,
                   "sku,name,warehouse,on_hand,on_order,on_order_unplaced,min,max,suggested,unit\r\n"
                   "SKU-2,Item SKU-2,WH1,0.2,0,0,0.3,1.1,0.9,kg\r\n");
}

static void
test_rule (void)
{
  g_autoptr(GError) error = NULL;
  gboolean listed = FALSE;
  PdQty suggested = -1;

  /* Maximum only: a stock-out is the reorder point. */
  g_assert_true (pd_reorder_compute (FALSE, 0, TRUE, QTY (8), QTY (1), 0, &listed, &suggested, &error));
  g_assert_false (listed);
  g_assert_cmpint (suggested, ==, 0);
  g_assert_true (pd_reorder_compute (FALSE, 0, TRUE, QTY (8), 0, 0, &listed, &suggested, &error));
  g_assert_true (listed);
  g_assert_cmpint (suggested, ==, QTY (8));
  /* Negative on hand (a warehouse that allows it) is made good too. */
  g_assert_true (pd_reorder_compute (TRUE, QTY (2), TRUE, QTY (8), -QTY (3), QTY (1), &listed, &suggested, &error));
  g_assert_true (listed);
  g_assert_cmpint (suggested, ==, QTY (10));
  /* Minimum only: back to the minimum. */
  g_assert_true (pd_reorder_compute (TRUE, QTY (6), FALSE, 0, QTY (1), QTY (2), &listed, &suggested, &error));
  g_assert_true (listed);
  g_assert_cmpint (suggested, ==, QTY (3));
  /* No thresholds: never. */
  g_assert_true (pd_reorder_compute (FALSE, 0, FALSE, 0, -QTY (5), 0, &listed, &suggested, &error));
  g_assert_false (listed);
  g_assert_no_error (error);

  /* Sums that would wrap are refused, not wrapped. */
  g_assert_false (pd_reorder_compute (TRUE, QTY (1), TRUE, G_MAXINT64, G_MININT64 + 1, -QTY (1),
                                      &listed, &suggested, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
}

static void
read_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  GPtrArray **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = pd_reorder_read_finish (result, &error);
  g_assert_no_error (error);
}

static void
test_orders (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) orders = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PdStockOrder) stored = NULL;
  const PdReorderRow *row;
  PdStockOrder *o;

  pd_test_set_item_thresholds (f->store, f->admin, f->sku1, "10", "50");
  pd_test_set_item_thresholds (f->store, f->admin, f->sku2, "1", "2.5");
  post (f, f->sku1, 0, f->loc.a01, "4");
  post (f, f->sku2, 0, f->loc.a01, "0.5");
  post (f, f->sku1, 0, f->loc.b01, "9");

  /* Read in a worker on its own connection: the same rows. */
  pd_reorder_read_async (pd_store_get_path (f->store), 0, NULL, read_cb, &rows);
  while (rows == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (rows->len, ==, 3);

  orders = pd_reorder_build_orders (rows, "RO-1", "ACME");
  g_assert_cmpuint (orders->len, ==, 2);
  o = g_ptr_array_index (orders, 0);
  g_assert_cmpstr (o->ref, ==, "RO-1-WH1");
  g_assert_cmpint (o->kind, ==, PD_ORDER_INBOUND);
  g_assert_cmpint (o->location_id, ==, f->loc.wh1);
  g_assert_cmpstr (o->partner, ==, "ACME");
  g_assert_cmpuint (o->lines->len, ==, 2);
  o = g_ptr_array_index (orders, 1);
  g_assert_cmpstr (o->ref, ==, "RO-1-WH2");
  g_assert_cmpuint (o->lines->len, ==, 1);
  for (guint i = 0; i < orders->len; i++)
    {
      g_assert_true (pd_store_create_order (f->store, f->admin, g_ptr_array_index (orders, i), FALSE, &error));
      g_assert_no_error (error);
    }

  stored = pd_store_get_order (f->store, "RO-1-WH1", &error);
  g_assert_no_error (error);
  g_assert_cmpint (stored->status, ==, PD_ORDER_DRAFT);
  g_assert_cmpuint (stored->lines->len, ==, 2);
  pd_test_assert_qty (((PdStockOrderLine *) g_ptr_array_index (stored->lines, 0))->qty, "46");
  pd_test_assert_qty (((PdStockOrderLine *) g_ptr_array_index (stored->lines, 1))->qty, "2");

  /* The suggestions now show what is on order and suggest nothing more. */
  again = list (f, 0);
  g_assert_cmpuint (again->len, ==, 3);
  row = find (again, "SKU-1", "WH1");
  pd_test_assert_qty (row->on_order, "46");
  pd_test_assert_qty (row->suggested, "0");
  row = find (again, "SKU-2", "WH1");
  pd_test_assert_qty (row->on_order, "2");
  pd_test_assert_qty (row->suggested, "0");
  row = find (again, "SKU-1", "WH2");
  pd_test_assert_qty (row->on_order, "41");
  pd_test_assert_qty (row->suggested, "0");
  g_clear_pointer (&orders, g_ptr_array_unref);
  orders = pd_reorder_build_orders (again, "RO-2", NULL);
  g_assert_cmpuint (orders->len, ==, 0);

  /* One warehouse: the ref as given. */
  g_clear_pointer (&orders, g_ptr_array_unref);
  g_clear_pointer (&rows, g_ptr_array_unref);
  post (f, f->sku1, f->loc.a01, 0, "4");
  set_own (f, f->sku1, f->loc.wh1, "100", "200");
  rows = list (f, f->loc.wh1);
  orders = pd_reorder_build_orders (rows, "RO-3", "");
  g_assert_cmpuint (orders->len, ==, 1);
  o = g_ptr_array_index (orders, 0);
  g_assert_cmpstr (o->ref, ==, "RO-3");
  g_assert_null (o->partner);
  pd_test_assert_qty (((PdStockOrderLine *) g_ptr_array_index (o->lines, 0))->qty, "154");
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  g_test_add_func ("/core/wms/reorder/rule", test_rule);
  ADD ("/core/wms/reorder/below-min-to-max", test_below_min);
  ADD ("/core/wms/reorder/on-order", test_on_order);
  ADD ("/core/wms/reorder/single-warehouse", test_single_warehouse);
  ADD ("/core/wms/reorder/override", test_override);
  ADD ("/core/wms/reorder/within-band", test_within_band);
  ADD ("/core/wms/reorder/exact", test_exact);
  ADD ("/core/wms/reorder/orders", test_orders);

  ret = g_test_run ();
  pd_test_populated_template_free ();
  return ret;
}
