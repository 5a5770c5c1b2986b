/* test-wms-orders.c — stock orders: create, release, cancel, close short,
 * and their execution by scanned codes; transfer orders and the schema 8
 * upgrade
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-wms-orders"

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "pd-store-orders.h"
#include "pd-store-wms.h"
#include "pd-test-utils.h"

#define QTY(units) ((PdQty) (units) * PD_QTY_ONE)

typedef struct
{
  char    *dir;
  PdStore *store;
  PdUser  *admin;
  PdUser  *warehouse;
  PdUser  *operator;
  PdTestLocations loc; /* A-01 has the barcode BIN-A01 */
  gint64   sku1;       /* pcs, barcode 4000001 */
  gint64   sku2;       /* kg */
  gint64   lot1;       /* pcs, lot-tracked */
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
  f->warehouse = pd_test_login (f->store, "warehouse");
  f->operator = pd_test_login (f->store, "operator");
  g_signal_connect (f->store, "stock-changed", G_CALLBACK (stock_changed_cb), f);

  pd_test_add_warehouses (f->store, f->admin, "BIN-A01", &f->loc);

  f->sku1 = pd_test_add_item (f->store, f->admin, "SKU-1", "pcs", "4000001", FALSE);
  f->sku2 = pd_test_add_item (f->store, f->admin, "SKU-2", "kg", NULL, FALSE);
  f->lot1 = pd_test_add_item (f->store, f->admin, "LOT-1", "pcs", NULL, TRUE);
  pd_test_add_item (f->store, f->admin, "SKU-9", "pcs", NULL, FALSE);
  f->stock_changed = 0;
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->admin);
  g_clear_object (&f->warehouse);
  g_clear_object (&f->operator);
  g_assert_finalize_object (f->store);
  pd_test_data_dir_free (f->dir);
}

/* --- Helpers ---------------------------------------------------------------- */

/* Creates REF with "SKU:QTY[:LOT]" lines at LOCATION_ID, to DEST_ID (a
 * transfer's destination, else 0). */
static gboolean
create_to (Fixture      *f,
           PdUser       *user,
           PdOrderKind   kind,
           const char   *ref,
           gint64        location_id,
           gint64        dest_id,
           guint         tolerance,
           gboolean      release,
           const char  **lines,
           GError      **error)
{
  g_autoptr(PdStockOrder) order = pd_test_order_new (kind, ref, location_id, dest_id, tolerance, lines);

  return pd_store_create_order (f->store, user, order, release, error);
}

static gboolean
create (Fixture      *f,
        PdUser       *user,
        PdOrderKind   kind,
        const char   *ref,
        gint64        location_id,
        guint         tolerance,
        gboolean      release,
        const char  **lines,
        GError      **error)
{
  return create_to (f, user, kind, ref, location_id, 0, tolerance, release, lines, error);
}

static PdStockOrder *
get (Fixture    *f,
     const char *ref)
{
  g_autoptr(GError) error = NULL;
  PdStockOrder *order = pd_store_get_order (f->store, ref, &error);

  g_assert_no_error (error);
  g_assert_nonnull (order);

  return order;
}

static PdStockOrderLine *
line_of (PdStockOrder *order,
         guint         n)
{
  g_assert_cmpuint (n, <=, order->lines->len);
  return g_ptr_array_index (order->lines, n - 1);
}

/* A scan of REF at LOCATION; a transfer's, from LOCATION to TO, when
 * IS_TRANSFER. */
static gboolean
execute (Fixture     *f,
         gboolean     is_transfer,
         const char  *ref,
         const char  *location,
         const char  *to,
         const char  *item,
         const char  *lot,
         const char  *qty_text,
         GError     **error)
{
  PdQty qty = 0;

  if (qty_text != NULL)
    g_assert_true (pd_qty_parse (qty_text, &qty, NULL));

  if (is_transfer)
    return pd_store_order_execute_transfer (f->store, f->warehouse, ref, location, to, item, lot, qty, NULL, error);
  return pd_store_order_execute (f->store, f->warehouse, ref, location, item, lot, qty, NULL, error);
}

static gboolean
scan (Fixture     *f,
      const char  *ref,
      const char  *location,
      const char  *item,
      const char  *lot,
      const char  *qty_text,
      GError     **error)
{
  return execute (f, FALSE, ref, location, NULL, item, lot, qty_text, error);
}

/* What must not change when a scan is refused. */
typedef struct
{
  gint64 moves;
  gint64 levels;
  gint64 links;
  gint64 done_sum;
  gint64 statuses;
  gint64 audits;
} Snapshot;

static Snapshot
snapshot (Fixture *f)
{
  Snapshot s;

  s.moves = pd_test_count_rows (f->store, "stock_moves");
  s.levels = pd_test_query_int (f->store, "SELECT COALESCE (SUM (qty), 0) FROM stock_levels");
  s.links = pd_test_count_rows (f->store, "stock_order_moves");
  s.done_sum = pd_test_query_int (f->store, "SELECT COALESCE (SUM (done_qty), 0) FROM stock_order_lines");
  s.statuses = pd_test_query_int (f->store, "SELECT COALESCE (SUM (length (status) * id), 0) FROM stock_orders");
  s.audits = pd_test_query_int (f->store, "SELECT COUNT(*) FROM audit_log WHERE action = 'order.execute' AND result = 'ok'");

  return s;
}

static void
assert_unchanged (Fixture  *f,
                  Snapshot *before)
{
  Snapshot now = snapshot (f);

  g_assert_cmpint (now.moves, ==, before->moves);
  g_assert_cmpint (now.levels, ==, before->levels);
  g_assert_cmpint (now.links, ==, before->links);
  g_assert_cmpint (now.done_sum, ==, before->done_sum);
  g_assert_cmpint (now.statuses, ==, before->statuses);
  g_assert_cmpint (now.audits, ==, before->audits);
}

/* A scan of a transfer: FROM → TO. */
static gboolean
transfer (Fixture     *f,
          const char  *ref,
          const char  *from,
          const char  *to,
          const char  *item,
          const char  *lot,
          const char  *qty_text,
          GError     **error)
{
  return execute (f, TRUE, ref, from, to, item, lot, qty_text, error);
}

/* Asserts that a refused scan (a transfer's when TRANSFER) fails with CODE
 * and a message containing NEEDLE, and records nothing. */
static void
refused (Fixture     *f,
         gboolean     is_transfer,
         const char  *ref,
         const char  *location,
         const char  *to,
         const char  *item,
         const char  *lot,
         const char  *qty,
         int          code,
         const char  *needle)
{
  g_autoptr(GError) error = NULL;
  Snapshot before = snapshot (f);
  guint changed = f->stock_changed;

  g_assert_false (execute (f, is_transfer, ref, location, to, item, lot, qty, &error));
  g_assert_error (error, PD_ERROR, code);
  if (strstr (error->message, needle) == NULL)
    g_error ("“%s” does not contain “%s”", error->message, needle);
  assert_unchanged (f, &before);
  g_assert_cmpuint (f->stock_changed, ==, changed);
}

#define refused_scan(f, ref, location, item, lot, qty, code, needle) \
  refused ((f), FALSE, (ref), (location), NULL, (item), (lot), (qty), (code), (needle))
#define refused_transfer(f, ref, from, to, item, lot, qty, code, needle) \
  refused ((f), TRUE, (ref), (from), (to), (item), (lot), (qty), (code), (needle))

/* --- Tests ------------------------------------------------------------------ */

static void
test_create (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdStockOrder) order = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) drafts = NULL;
  const char *lines[] = { "SKU-1:10", "sku-2:2.5", "LOT-1:3:L1", NULL };

  g_assert_true (create (f, f->admin, PD_ORDER_INBOUND, "PO-1", f->loc.wh1, 10, TRUE, lines, &error));
  g_assert_no_error (error);

  order = get (f, "po-1");
  g_assert_cmpstr (order->ref, ==, "PO-1");
  g_assert_cmpint (order->kind, ==, PD_ORDER_INBOUND);
  g_assert_cmpint (order->status, ==, PD_ORDER_RELEASED);
  g_assert_cmpstr (order->location_code, ==, "WH1");
  g_assert_cmpuint (order->tolerance, ==, 10);
  g_assert_cmpuint (order->lines->len, ==, 3);
  g_assert_cmpstr (line_of (order, 2)->sku, ==, "SKU-2");
  g_assert_cmpstr (line_of (order, 2)->unit, ==, "kg");
  g_assert_cmpint (line_of (order, 2)->qty, ==, QTY (5) / 2);
  g_assert_cmpint (line_of (order, 2)->done_qty, ==, 0);
  g_assert_cmpstr (line_of (order, 3)->lot_code, ==, "L1");
  g_assert_null (line_of (order, 1)->lot_code);
  g_assert_cmpint (pd_test_query_int (f->store, "SELECT COUNT(*) FROM audit_log WHERE action = 'order.create' "
                                        "AND entity = 'stock_order' AND result = 'ok'"), ==, 1);

  {
    const char *draft_lines[] = { "SKU-1:1", NULL };

    g_assert_true (create (f, f->warehouse, PD_ORDER_OUTBOUND, "SO-1", 0, 0, FALSE, draft_lines, &error));
    g_assert_no_error (error);
  }

  all = pd_store_list_orders (f->store, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 2);
  drafts = pd_store_list_orders (f->store, PD_ORDER_DRAFT, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (drafts->len, ==, 1);
  g_assert_cmpstr (((PdStockOrder *) g_ptr_array_index (drafts, 0))->ref, ==, "SO-1");
  g_assert_null (((PdStockOrder *) g_ptr_array_index (drafts, 0))->location_code);

  /* Reading a missing order names it. */
  g_assert_null (pd_store_get_order (f->store, "PO-404", &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "PO-404"));
}

static void
test_create_refused (Fixture       *f,
                     gconstpointer  data)
{
  const char *good[] = { "SKU-1:1", NULL };
  const char *unknown[] = { "SKU-1:1", "NOPE:2", NULL };
  const char *zero[] = { "SKU-1:0", NULL };
  const char *lot_on_plain[] = { "SKU-1:1:L1", NULL };
  const char *none[] = { NULL };
  struct {
    const char  *ref;
    const char **lines;
    guint        tolerance;
    int          code;
    const char  *needle;
  } cases[] = {
    { "PO-2", unknown, 0, PD_ERROR_NOT_FOUND, "Line 2: no item “NOPE”" },
    { "PO-2", zero, 0, PD_ERROR_INVALID, "Line 1: quantity 0" },
    { "PO-2", lot_on_plain, 0, PD_ERROR_INVALID, "not tracked by lot" },
    { "PO-2", none, 0, PD_ERROR_INVALID, "has no lines" },
    { "PO-2", good, 1001, PD_ERROR_INVALID, "Tolerance 1001" },
    { " PO-2", good, 0, PD_ERROR_INVALID, "“ PO-2”" },
    { "", good, 0, PD_ERROR_INVALID, "Order reference" },
    { "po-1", good, 0, PD_ERROR_EXISTS, "“po-1” exists" },
  };
  g_autoptr(GError) error = NULL;

  g_assert_true (create (f, f->admin, PD_ORDER_INBOUND, "PO-1", 0, 0, TRUE, good, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) local_error = NULL;

      g_assert_false (create (f, f->admin, PD_ORDER_INBOUND, cases[i].ref, 0, cases[i].tolerance,
                              TRUE, cases[i].lines, &local_error));
      g_assert_error (local_error, PD_ERROR, cases[i].code);
      if (strstr (local_error->message, cases[i].needle) == NULL)
        g_error ("case %u: “%s” does not contain “%s”", i, local_error->message, cases[i].needle);
    }

  /* An operator may not make orders; the refusal is audited. */
  g_assert_false (create (f, f->operator, PD_ORDER_INBOUND, "PO-3", 0, 0, TRUE, good, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_PERMISSION_DENIED);
  g_assert_cmpint (pd_test_query_int (f->store, "SELECT COUNT(*) FROM audit_log WHERE action = 'order.create' "
                                        "AND result = 'denied'"), ==, 1);

  g_assert_cmpint (pd_test_count_rows (f->store, "stock_orders"), ==, 1);
  g_assert_cmpint (pd_test_count_rows (f->store, "stock_order_lines"), ==, 1);
}

static void
test_inbound (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdStockOrder) order = NULL;
  g_autoptr(PdStockMove) move = NULL;
  const char *lines[] = { "SKU-1:10", "SKU-2:2.5", NULL };

  g_assert_true (create (f, f->admin, PD_ORDER_INBOUND, "PO-1", f->loc.wh1, 0, TRUE, lines, &error));
  g_assert_no_error (error);
  f->stock_changed = 0;

  /* Scanned: the bin's barcode, the item's barcode, 4 pieces. */
  g_assert_true (pd_store_order_execute (f->store, f->warehouse, "PO-1", "BIN-A01", "4000001", NULL,
                                         QTY (4), &move, &error));
  g_assert_no_error (error);
  g_assert_nonnull (move);
  g_assert_cmpint (move->id, >, 0);
  g_assert_cmpint (move->reason, ==, PD_MOVE_RECEIPT);
  g_assert_cmpint (move->to_location, ==, f->loc.a01);
  g_assert_cmpstr (move->ref, ==, "PO-1");
  g_assert_cmpstr (move->user_name, ==, "warehouse");
  g_assert_cmpuint (f->stock_changed, ==, 1);

  order = get (f, "PO-1");
  g_assert_cmpint (order->status, ==, PD_ORDER_IN_PROGRESS);
  g_assert_cmpint (line_of (order, 1)->done_qty, ==, QTY (4));
  g_assert_cmpint (pd_stock_order_line_remaining (line_of (order, 1)), ==, QTY (6));
  g_assert_cmpint (pd_store_get_on_hand (f->store, f->sku1, f->loc.a01, NULL), ==, QTY (4));
  g_clear_pointer (&order, pd_stock_order_free);

  /* Quantity 0: the rest of the line, by SKU and location code. */
  g_assert_true (scan (f, "PO-1", "A-02", "SKU-1", NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pd_store_get_on_hand (f->store, f->sku1, f->loc.a02, NULL), ==, QTY (6));

  /* Exact decimals: 1.2 + 1.3 = 2.5 completes the line and the order. */
  g_assert_true (scan (f, "PO-1", "A-01", "SKU-2", NULL, "1.2", &error));
  g_assert_no_error (error);
  order = get (f, "PO-1");
  g_assert_cmpint (order->status, ==, PD_ORDER_IN_PROGRESS);
  g_clear_pointer (&order, pd_stock_order_free);
  g_assert_true (scan (f, "PO-1", "A-01", "SKU-2", NULL, "1.3", &error));
  g_assert_no_error (error);

  order = get (f, "PO-1");
  g_assert_cmpint (order->status, ==, PD_ORDER_DONE);
  g_assert_false (order->closed_short);
  g_assert_cmpint (line_of (order, 2)->done_qty, ==, QTY (5) / 2);

  g_assert_cmpint (pd_test_count_rows (f->store, "stock_order_moves"), ==, 4);
  g_assert_cmpint (pd_test_query_int (f->store, "SELECT COUNT(*) FROM stock_moves WHERE ref = 'PO-1'"), ==, 4);
  g_assert_cmpint (pd_test_query_int (f->store, "SELECT COUNT(*) FROM audit_log WHERE action = 'order.execute' "
                                        "AND entity = 'stock_order' AND result = 'ok'"), ==, 4);
  g_assert_cmpuint (f->stock_changed, ==, 4);

  /* A done order takes no more. */
  refused_scan (f, "PO-1", "A-01", "SKU-1", NULL, "1", PD_ERROR_INVALID, "PO-1 is done");
  pd_test_assert_stock_agrees (f->store);
}

static void
test_refused_scans (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char *lines[] = { "SKU-1:10", NULL };
  const char *draft_lines[] = { "SKU-1:1", NULL };

  g_assert_true (create (f, f->admin, PD_ORDER_INBOUND, "PO-1", f->loc.wh1, 10, TRUE, lines, &error));
  g_assert_no_error (error);
  g_assert_true (create (f, f->admin, PD_ORDER_INBOUND, "PO-D", 0, 0, FALSE, draft_lines, &error));
  g_assert_no_error (error);

  /* A code nobody knows; an item not on the order; codes swapped. */
  refused_scan (f, "PO-1", "A-01", "XYZ-404", NULL, "1", PD_ERROR_NOT_FOUND, "Unknown code “XYZ-404”");
  refused_scan (f, "PO-1", "A-01", "SKU-9", NULL, "1", PD_ERROR_INVALID, "SKU-9 is not on order PO-1.");
  refused_scan (f, "PO-1", "SKU-1", "SKU-1", NULL, "1", PD_ERROR_INVALID, "is an item, not a location");
  refused_scan (f, "PO-1", "A-01", "A-02", NULL, "1", PD_ERROR_INVALID, "is a location, not an item");
  refused_scan (f, "PO-404", "A-01", "SKU-1", NULL, "1", PD_ERROR_NOT_FOUND, "No order “PO-404”");
  /* A location outside the order's warehouse. */
  refused_scan (f, "PO-1", "B-01", "SKU-1", NULL, "1", PD_ERROR_INVALID,
                "Order PO-1 receives into WH1; B-01 is not inside it.");
  /* Over-receipt beyond 10 %: 11 is the most. */
  refused_scan (f, "PO-1", "A-01", "SKU-1", NULL, "11.000001", PD_ERROR_INVALID,
                "Over-receipt: 11.000001 pcs of SKU-1 asked; 10 pcs remain on order PO-1 (at most 11 with the tolerance).");
  /* A draft is not executed. */
  refused_scan (f, "PO-D", "A-01", "SKU-1", NULL, "1", PD_ERROR_INVALID, "PO-D is a draft; release it first.");

  /* Within the tolerance: 6 then 5 = 11. */
  g_assert_true (scan (f, "PO-1", "A-01", "SKU-1", NULL, "6", &error));
  g_assert_no_error (error);
  refused_scan (f, "PO-1", "A-01", "SKU-1", NULL, "5.5", PD_ERROR_INVALID, "4 pcs remain on order PO-1 (at most 5 with");
  g_assert_true (scan (f, "PO-1", "A-01", "SKU-1", NULL, "5", &error));
  g_assert_no_error (error);

  {
    g_autoptr(PdStockOrder) order = get (f, "PO-1");

    g_assert_cmpint (order->status, ==, PD_ORDER_DONE);
    g_assert_cmpint (line_of (order, 1)->done_qty, ==, QTY (11));
  }

  /* An operator may not execute. */
  {
    Snapshot before = snapshot (f);
    const char *more[] = { "SKU-1:1", NULL };

    g_assert_true (create (f, f->admin, PD_ORDER_INBOUND, "PO-2", 0, 0, TRUE, more, &error));
    g_assert_no_error (error);
    before = snapshot (f);
    g_assert_false (pd_store_order_execute (f->store, f->operator, "PO-2", "A-01", "SKU-1", NULL, 0, NULL, &error));
    g_assert_error (error, PD_ERROR, PD_ERROR_PERMISSION_DENIED);
    assert_unchanged (f, &before);
  }

  pd_test_assert_stock_agrees (f->store);
}

static void
test_outbound (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdStockOrder) order = NULL;
  g_autoptr(GPtrArray) shorts = NULL;
  const char *receipt[] = { "SKU-1:5", "SKU-2:1", NULL };
  const char *lines[] = { "SKU-1:8", "SKU-2:1", NULL };

  /* 5 pcs of SKU-1 and 1 kg of SKU-2 arrive at A-01. */
  g_assert_true (create (f, f->admin, PD_ORDER_INBOUND, "PO-1", 0, 0, TRUE, receipt, &error));
  g_assert_no_error (error);
  g_assert_true (scan (f, "PO-1", "A-01", "SKU-1", NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (scan (f, "PO-1", "A-01", "SKU-2", NULL, NULL, &error));
  g_assert_no_error (error);

  g_assert_true (create (f, f->admin, PD_ORDER_OUTBOUND, "SO-1", f->loc.wh1, 0, TRUE, lines, &error));
  g_assert_no_error (error);

  /* The order wants 8, 5 are on hand: the ledger refuses and names them. */
  refused_scan (f, "SO-1", "A-01", "SKU-1", NULL, NULL, PD_ERROR_INSUFFICIENT, "Only 5 pcs of SKU-1 at A-01; 8 asked.");
  refused_scan (f, "SO-1", "A-01", "SKU-1", NULL, "9", PD_ERROR_INVALID,
                "Over-pick: 9 pcs of SKU-1 asked; 8 pcs remain on order SO-1");
  refused_scan (f, "SO-1", "B-01", "SKU-1", NULL, "1", PD_ERROR_INVALID,
                "Order SO-1 issues from WH1; B-01 is not inside it.");

  /* Partial pick; cancelling is no longer possible. */
  g_assert_true (scan (f, "SO-1", "A-01", "SKU-1", NULL, "3", &error));
  g_assert_no_error (error);
  g_assert_cmpint (pd_store_get_on_hand (f->store, f->sku1, 0, NULL), ==, QTY (2));
  g_assert_false (pd_store_cancel_order (f->store, f->admin, "SO-1", &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Close it instead"));
  g_clear_error (&error);

  /* Closed short: both lines are short (3 of 8, 0 of 1). */
  g_assert_true (pd_store_close_order (f->store, f->admin, "SO-1", &shorts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (shorts->len, ==, 2);
  g_assert_cmpstr (((PdStockOrderLine *) g_ptr_array_index (shorts, 0))->sku, ==, "SKU-1");
  g_assert_cmpint (((PdStockOrderLine *) g_ptr_array_index (shorts, 0))->done_qty, ==, QTY (3));

  order = get (f, "SO-1");
  g_assert_cmpint (order->status, ==, PD_ORDER_DONE);
  g_assert_true (order->closed_short);
  g_assert_true (line_of (order, 1)->short_closed);
  g_assert_true (line_of (order, 2)->short_closed);

  /* Closed means closed. */
  refused_scan (f, "SO-1", "A-01", "SKU-2", NULL, NULL, PD_ERROR_INVALID, "SO-1 is done");
  g_assert_false (pd_store_close_order (f->store, f->admin, "SO-1", NULL, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "done already"));
  g_clear_error (&error);

  pd_test_assert_stock_agrees (f->store);
}

static void
test_transitions (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char *lines[] = { "SKU-1:1", NULL };

  g_assert_true (create (f, f->admin, PD_ORDER_INBOUND, "PO-1", 0, 0, FALSE, lines, &error));
  g_assert_no_error (error);

  /* A draft cannot be closed; it is released once. */
  g_assert_false (pd_store_close_order (f->store, f->admin, "PO-1", NULL, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Nothing was executed on order PO-1; cancel it instead."));
  g_clear_error (&error);
  g_assert_true (pd_store_release_order (f->store, f->warehouse, "PO-1", &error));
  g_assert_no_error (error);
  g_assert_false (pd_store_release_order (f->store, f->admin, "PO-1", &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Order PO-1 is released; only a draft is released."));
  g_clear_error (&error);

  /* An operator may not cancel; a supervisor or admin may, once. */
  g_assert_false (pd_store_cancel_order (f->store, f->operator, "PO-1", &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  g_assert_true (pd_store_cancel_order (f->store, f->admin, "PO-1", &error));
  g_assert_no_error (error);
  {
    g_autoptr(PdStockOrder) order = get (f, "PO-1");

    g_assert_cmpint (order->status, ==, PD_ORDER_CANCELLED);
  }
  g_assert_false (pd_store_cancel_order (f->store, f->admin, "PO-1", &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Order PO-1 is cancelled"));
  g_clear_error (&error);
  refused_scan (f, "PO-1", "A-01", "SKU-1", NULL, "1", PD_ERROR_INVALID, "PO-1 is cancelled");

  g_assert_cmpint (pd_test_query_int (f->store, "SELECT COUNT(*) FROM audit_log WHERE action = 'order.release' AND result = 'ok'"), ==, 1);
  g_assert_cmpint (pd_test_query_int (f->store, "SELECT COUNT(*) FROM audit_log WHERE action = 'order.cancel' AND result = 'ok'"), ==, 1);
  g_assert_cmpint (pd_test_query_int (f->store, "SELECT COUNT(*) FROM audit_log WHERE action = 'order.cancel' AND result = 'denied'"), ==, 1);
}

static void
test_lots (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdStockOrder) order = NULL;
  const char *lines[] = { "LOT-1:4:L1", "LOT-1:2", NULL };

  g_assert_true (create (f, f->admin, PD_ORDER_INBOUND, "PO-1", 0, 0, TRUE, lines, &error));
  g_assert_no_error (error);

  /* Line 1 wants lot L1: another lot is refused there… */
  refused_scan (f, "PO-1", "A-01", "LOT-1", "L9", "5", PD_ERROR_INVALID, "Over-receipt");
  /* …no lot takes the line's own. */
  g_assert_true (scan (f, "PO-1", "A-01", "LOT-1", NULL, "4", &error));
  g_assert_no_error (error);
  /* Line 1 is complete: the next scan goes to line 2, which needs a lot. */
  refused_scan (f, "PO-1", "A-01", "LOT-1", NULL, "1", PD_ERROR_INVALID, "tracked by lot: name the lot");
  g_assert_true (scan (f, "PO-1", "A-01", "LOT-1", "L2", NULL, &error));
  g_assert_no_error (error);

  order = get (f, "PO-1");
  g_assert_cmpint (order->status, ==, PD_ORDER_DONE);
  g_assert_cmpint (pd_test_query_int (f->store, "SELECT COUNT(*) FROM lots WHERE code IN ('L1', 'L2')"), ==, 2);
  g_assert_cmpint (pd_test_query_int (f->store, "SELECT SUM (qty) FROM stock_levels s JOIN lots l ON l.id = s.lot_id "
                                        "WHERE l.code = 'L1'"), ==, QTY (4));
  pd_test_assert_stock_agrees (f->store);
}

/* --- Two scanners, one line ------------------------------------------------- */

/* A child process: says "ready", waits for a byte, then receives one pcs
 * of SKU-1 on PO-R. Exit 0: recorded, 2: refused by the order, 1: else. */
static int
child_race (const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdStore) store = pd_store_open (dir, &error);
  g_autoptr(PdUser) user = NULL;
  char byte;

  if (store == NULL)
    return 1;
  pd_store_set_busy_timeout (store, 60000);
  user = pd_test_login (store, "warehouse");

  fputs ("ready\n", stdout);
  fflush (stdout);
  if (read (STDIN_FILENO, &byte, 1) != 1)
    return 1;

  if (pd_store_order_execute (store, user, "PO-R", "A-01", "SKU-1", NULL, PD_QTY_ONE, NULL, &error))
    return 0;
  if (g_error_matches (error, PD_ERROR, PD_ERROR_INVALID))
    return 2;
  g_printerr ("%s\n", error->message);
  return 1;
}

typedef struct
{
  GPid  pid;
  int   in;
  FILE *out;
} Child;

static void
spawn_child (const char *dir,
             Child      *child)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
  const char *argv[] = { exe, "race-child", dir, NULL };
  int out = -1;

  g_assert_nonnull (exe);
  g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                            &child->pid, &child->in, &out, NULL, &error);
  g_assert_no_error (error);
  child->out = fdopen (out, "r");
  g_assert_nonnull (child->out);
}

static int
wait_child (Child *child)
{
  int status = 0;

  while (waitpid (child->pid, &status, 0) < 0)
    g_assert_cmpint (errno, ==, EINTR);
  close (child->in);
  fclose (child->out);
  g_spawn_close_pid (child->pid);

  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

/* Two processes receive the last unit of a line at once: exactly one
 * wins, since the line is read inside the write's BEGIN IMMEDIATE. */
static void
test_race (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char *lines[] = { "SKU-1:1", NULL };
  Child children[2];
  int winners = 0, losers = 0;

  g_assert_true (create (f, f->admin, PD_ORDER_INBOUND, "PO-R", 0, 0, TRUE, lines, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < 2; i++)
    spawn_child (f->dir, &children[i]);
  for (guint i = 0; i < 2; i++)
    {
      char buffer[16] = "";

      /* Blocks until the child is ready: a condition, not a guess. */
      g_assert_nonnull (fgets (buffer, sizeof buffer, children[i].out));
      g_assert_cmpstr (g_strchomp (buffer), ==, "ready");
    }
  for (guint i = 0; i < 2; i++)
    g_assert_cmpint (write (children[i].in, "g", 1), ==, 1);
  for (guint i = 0; i < 2; i++)
    {
      int code = wait_child (&children[i]);

      winners += code == 0;
      losers += code == 2;
    }
  g_assert_cmpint (winners, ==, 1);
  g_assert_cmpint (losers, ==, 1);

  {
    g_autoptr(PdStockOrder) order = get (f, "PO-R");

    g_assert_cmpint (order->status, ==, PD_ORDER_DONE);
    g_assert_cmpint (line_of (order, 1)->done_qty, ==, QTY (1));
  }
  g_assert_cmpint (pd_test_count_rows (f->store, "stock_moves"), ==, 1);
  g_assert_cmpint (pd_store_get_on_hand (f->store, f->sku1, 0, NULL), ==, QTY (1));
  pd_test_assert_stock_agrees (f->store);
}

/* --- Transfers --------------------------------------------------------------- */

/* Receives RECEIPT ("SKU:QTY[:LOT]" lines) at LOCATION through order REF. */
static void
receive (Fixture     *f,
         const char  *ref,
         const char  *location,
         const char **receipt)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (create (f, f->admin, PD_ORDER_INBOUND, ref, 0, 0, TRUE, receipt, &error));
  g_assert_no_error (error);
  for (guint i = 0; receipt[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit (receipt[i], ":", 3);

      g_assert_true (scan (f, ref, location, parts[0], parts[2], parts[1], &error));
      g_assert_no_error (error);
    }
}

static void
assert_create_refused (Fixture     *f,
                       PdOrderKind  kind,
                       gint64       location_id,
                       gint64       dest_id,
                       const char  *needle)
{
  g_autoptr(GError) error = NULL;
  const char *lines[] = { "SKU-1:1", NULL };
  gint64 orders = pd_test_count_rows (f->store, "stock_orders");
  gint64 lines_before = pd_test_count_rows (f->store, "stock_order_lines");
  gint64 outbox = pd_test_count_rows (f->store, "outbox");

  g_assert_false (create_to (f, f->admin, kind, "TR-BAD", location_id, dest_id, 0, TRUE, lines, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  if (strstr (error->message, needle) == NULL)
    g_error ("“%s” does not contain “%s”", error->message, needle);
  g_assert_cmpint (pd_test_count_rows (f->store, "stock_orders"), ==, orders);
  g_assert_cmpint (pd_test_count_rows (f->store, "stock_order_lines"), ==, lines_before);
  g_assert_cmpint (pd_test_count_rows (f->store, "outbox"), ==, outbox);
}

static void
test_transfer_create (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdStockOrder) order = NULL;
  g_autoptr(GPtrArray) all = NULL;
  const char *lines[] = { "SKU-1:8", "LOT-1:3:L1", NULL };

  g_assert_true (create_to (f, f->warehouse, PD_ORDER_TRANSFER, "TR-1", f->loc.z1, f->loc.wh2, 0, FALSE,
                            lines, &error));
  g_assert_no_error (error);

  order = get (f, "tr-1");
  g_assert_cmpint (order->kind, ==, PD_ORDER_TRANSFER);
  g_assert_cmpint (order->status, ==, PD_ORDER_DRAFT);
  g_assert_cmpint (order->location_id, ==, f->loc.z1);
  g_assert_cmpstr (order->location_code, ==, "Z1");
  g_assert_cmpint (order->dest_location_id, ==, f->loc.wh2);
  g_assert_cmpstr (order->dest_location_code, ==, "WH2");
  g_assert_cmpuint (order->lines->len, ==, 2);
  g_assert_cmpstr (pd_order_kind_to_string (order->kind), ==, "transfer");
  g_assert_cmpstr (pd_order_kind_get_label (order->kind), ==, "Transfer");

  /* The list has the destination too; other kinds have none. */
  g_assert_true (create (f, f->admin, PD_ORDER_INBOUND, "PO-1", f->loc.wh1, 0, TRUE, lines, &error));
  g_assert_no_error (error);
  all = pd_store_list_orders (f->store, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 2);
  g_assert_cmpstr (((PdStockOrder *) g_ptr_array_index (all, 1))->ref, ==, "TR-1");
  g_assert_cmpstr (((PdStockOrder *) g_ptr_array_index (all, 1))->dest_location_code, ==, "WH2");
  g_assert_cmpint (((PdStockOrder *) g_ptr_array_index (all, 0))->dest_location_id, ==, 0);
  g_assert_null (((PdStockOrder *) g_ptr_array_index (all, 0))->dest_location_code);

  /* The audit and the outbox say where it goes. */
  g_assert_cmpint (pd_test_query_int (f->store, "SELECT COUNT(*) FROM audit_log WHERE action = 'order.create' "
                                        "AND result = 'ok' AND detail LIKE 'transfer TR-1, Z1 → WH2,%'"), ==, 1);
  g_assert_cmpint (pd_test_query_int (f->store, "SELECT COUNT(*) FROM outbox WHERE entity = 'stock_order' "
                                        "AND json_extract (payload, '$.kind') = 'transfer' "
                                        "AND json_extract (payload, '$.to') = 'WH2' "
                                        "AND json_extract (payload, '$.location') = 'Z1'"), ==, 1);

  /* A transfer needs both ends, not the same one; the others no destination. */
  assert_create_refused (f, PD_ORDER_TRANSFER, 0, f->loc.wh2, "needs a location to take the stock from");
  assert_create_refused (f, PD_ORDER_TRANSFER, f->loc.wh1, 0, "needs a destination location");
  assert_create_refused (f, PD_ORDER_TRANSFER, f->loc.a01, f->loc.a01, "to the location it comes from");
  assert_create_refused (f, PD_ORDER_INBOUND, f->loc.wh1, f->loc.wh2, "only a transfer has a destination");
  assert_create_refused (f, PD_ORDER_OUTBOUND, 0, f->loc.wh2, "only a transfer has a destination");

  /* Nested ends are allowed: from a warehouse into one of its zones. */
  g_assert_true (create_to (f, f->admin, PD_ORDER_TRANSFER, "TR-2", f->loc.wh1, f->loc.z1, 0, TRUE,
                            lines, &error));
  g_assert_no_error (error);

  /* The schema holds it too, whatever writes. */
  {
    sqlite3 *db = pd_store_get_db (f->store);

    g_assert_cmpint (sqlite3_exec (db, "UPDATE stock_orders SET dest_location_id = NULL WHERE ref = 'TR-1'",
                                   NULL, NULL, NULL) & 0xff, ==, SQLITE_CONSTRAINT);
    g_assert_cmpint (sqlite3_exec (db, "UPDATE stock_orders SET dest_location_id = location_id WHERE ref = 'TR-1'",
                                   NULL, NULL, NULL) & 0xff, ==, SQLITE_CONSTRAINT);
    g_assert_cmpint (sqlite3_exec (db, "UPDATE stock_orders SET dest_location_id = 1 WHERE ref = 'PO-1'",
                                   NULL, NULL, NULL) & 0xff, ==, SQLITE_CONSTRAINT);
  }
}

static void
test_transfer_execute (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdStockOrder) order = NULL;
  g_autoptr(PdStockMove) move = NULL;
  const char *receipt_a01[] = { "SKU-1:10", NULL };
  const char *receipt_a02[] = { "LOT-1:3:L1", NULL };
  const char *lines[] = { "SKU-1:8", "LOT-1:3:L1", NULL };
  gint64 sku1_total;

  receive (f, "PO-1", "A-01", receipt_a01);
  receive (f, "PO-2", "A-02", receipt_a02);
  sku1_total = pd_store_get_on_hand (f->store, f->sku1, 0, NULL);
  g_assert_cmpint (sku1_total, ==, QTY (10));

  g_assert_true (create_to (f, f->admin, PD_ORDER_TRANSFER, "TR-1", f->loc.z1, f->loc.wh2, 0, FALSE,
                            lines, &error));
  g_assert_no_error (error);
  refused_transfer (f, "TR-1", "A-01", "B-01", "SKU-1", NULL, "1", PD_ERROR_INVALID, "TR-1 is a draft");
  g_assert_true (pd_store_release_order (f->store, f->admin, "TR-1", &error));
  g_assert_no_error (error);

  /* Each function for its own kinds. */
  refused_scan (f, "TR-1", "A-01", "SKU-1", NULL, "1", PD_ERROR_INVALID,
                "Order TR-1 is a transfer from Z1 to WH2: scan where the stock comes from and where it goes.");
  refused_transfer (f, "PO-1", "A-01", "B-01", "SKU-1", NULL, "1", PD_ERROR_INVALID, "PO-1 is done");
  {
    const char *po[] = { "SKU-2:1", NULL };

    g_assert_true (create (f, f->admin, PD_ORDER_INBOUND, "PO-3", 0, 0, TRUE, po, &error));
    g_assert_no_error (error);
    refused_transfer (f, "PO-3", "A-01", "B-01", "SKU-2", NULL, "1", PD_ERROR_INVALID,
                      "Order PO-3 is a receipt, not a transfer");
  }

  /* Wrong ends, a missing destination, too much: nothing recorded. */
  refused_transfer (f, "TR-1", "B-01", "B-01", "SKU-1", NULL, "1", PD_ERROR_INVALID,
                    "Order TR-1 takes from Z1; B-01 is not inside it.");
  refused_transfer (f, "TR-1", "A-01", "A-02", "SKU-1", NULL, "1", PD_ERROR_INVALID,
                    "Order TR-1 puts into WH2; A-02 is not inside it.");
  refused_transfer (f, "TR-1", "A-01", NULL, "SKU-1", NULL, "1", PD_ERROR_INVALID,
                    "scan the location the stock goes to");
  refused_transfer (f, "TR-1", "A-01", "SKU-1", "SKU-1", NULL, "1", PD_ERROR_INVALID,
                    "“SKU-1” is an item, not a location.");
  refused_transfer (f, "TR-1", "A-01", "NOWHERE", "SKU-1", NULL, "1", PD_ERROR_NOT_FOUND, "NOWHERE");
  refused_transfer (f, "TR-1", "A-01", "B-01", "SKU-2", NULL, "1", PD_ERROR_INVALID, "SKU-2 is not on order TR-1.");
  refused_transfer (f, "TR-1", "A-01", "B-01", "SKU-1", NULL, "9", PD_ERROR_INVALID,
                    "Over-transfer: 9 pcs of SKU-1 asked; 8 pcs remain on order TR-1");
  refused_transfer (f, "TR-1", "A-02", "B-01", "SKU-1", NULL, "1", PD_ERROR_INSUFFICIENT,
                    "Only 0 pcs of SKU-1 at A-02; 1 asked.");

  /* Part of the line, by barcodes: A-01 → B-01. */
  f->stock_changed = 0;
  g_assert_true (pd_store_order_execute_transfer (f->store, f->warehouse, "TR-1", "BIN-A01", "B-01", "4000001",
                                                  NULL, QTY (5), &move, &error));
  g_assert_no_error (error);
  g_assert_nonnull (move);
  g_assert_cmpint (move->reason, ==, PD_MOVE_TRANSFER);
  g_assert_cmpint (move->from_location, ==, f->loc.a01);
  g_assert_cmpint (move->to_location, ==, f->loc.b01);
  g_assert_cmpint (move->qty, ==, QTY (5));
  g_assert_cmpstr (move->ref, ==, "TR-1");
  g_assert_cmpuint (f->stock_changed, ==, 1);
  g_assert_cmpint (pd_store_get_on_hand (f->store, f->sku1, f->loc.a01, NULL), ==, QTY (5));
  g_assert_cmpint (pd_store_get_on_hand (f->store, f->sku1, f->loc.b01, NULL), ==, QTY (5));

  order = get (f, "TR-1");
  g_assert_cmpint (order->status, ==, PD_ORDER_IN_PROGRESS);
  g_assert_cmpint (line_of (order, 1)->done_qty, ==, QTY (5));
  g_clear_pointer (&order, pd_stock_order_free);

  /* The rest is 3: 4 is over the line, though on hand. */
  refused_transfer (f, "TR-1", "A-01", "B-01", "SKU-1", NULL, "4", PD_ERROR_INVALID,
                    "Over-transfer: 4 pcs of SKU-1 asked; 3 pcs remain on order TR-1");
  g_assert_true (transfer (f, "TR-1", "A-01", "B-01", "SKU-1", NULL, NULL, &error));
  g_assert_no_error (error);

  /* The lot line, its lot taken from the line: the order is done. */
  g_assert_true (transfer (f, "TR-1", "A-02", "B-01", "LOT-1", NULL, NULL, &error));
  g_assert_no_error (error);
  order = get (f, "TR-1");
  g_assert_cmpint (order->status, ==, PD_ORDER_DONE);
  g_assert_false (order->closed_short);
  g_assert_cmpint (line_of (order, 2)->done_qty, ==, QTY (3));

  /* Moved, not created: the totals are the same. */
  g_assert_cmpint (pd_store_get_on_hand (f->store, f->sku1, 0, NULL), ==, sku1_total);
  g_assert_cmpint (pd_store_get_on_hand (f->store, f->sku1, f->loc.b01, NULL), ==, QTY (8));
  g_assert_cmpint (pd_store_get_on_hand (f->store, f->lot1, f->loc.a02, NULL), ==, 0);
  g_assert_cmpint (pd_store_get_on_hand (f->store, f->lot1, f->loc.b01, NULL), ==, QTY (3));
  g_assert_cmpint (pd_test_query_int (f->store, "SELECT COUNT(*) FROM stock_moves WHERE ref = 'TR-1' "
                                        "AND reason = 'transfer'"), ==, 3);
  g_assert_cmpint (pd_test_query_int (f->store, "SELECT COUNT(*) FROM stock_order_moves om "
                                        "JOIN stock_order_lines ol ON ol.id = om.line_id "
                                        "JOIN stock_orders o ON o.id = ol.order_id WHERE o.ref = 'TR-1'"), ==, 3);
  g_assert_cmpint (pd_test_query_int (f->store, "SELECT COUNT(*) FROM audit_log WHERE action = 'order.execute' "
                                        "AND entity = 'stock_order' AND result = 'ok' "
                                        "AND detail LIKE 'TR-1 line %'"), ==, 3);
  g_assert_cmpint (pd_test_query_int (f->store, "SELECT COUNT(*) FROM outbox WHERE entity = 'stock_order' "
                                        "AND json_extract (payload, '$.ref') = 'TR-1' "
                                        "AND json_extract (payload, '$.moves[0].reason') = 'transfer'"), ==, 3);
  g_assert_cmpuint (f->stock_changed, ==, 3);

  refused_transfer (f, "TR-1", "A-01", "B-01", "SKU-1", NULL, "1", PD_ERROR_INVALID, "TR-1 is done");
  pd_test_assert_stock_agrees (f->store);
}

static void
test_transfer_close_short (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdStockOrder) order = NULL;
  g_autoptr(GPtrArray) shorts = NULL;
  const char *receipt[] = { "SKU-1:4", "SKU-2:2", NULL };
  const char *lines[] = { "SKU-1:4", "SKU-2:1.5", NULL };

  receive (f, "PO-1", "A-01", receipt);

  /* Within one warehouse: from its bins into its zone Z1. */
  g_assert_true (create_to (f, f->admin, PD_ORDER_TRANSFER, "TR-2", f->loc.wh1, f->loc.z1, 0, TRUE,
                            lines, &error));
  g_assert_no_error (error);

  /* A-01 is inside both ends, but the stock must go somewhere else. */
  refused_transfer (f, "TR-2", "A-01", "BIN-A01", "SKU-1", NULL, "1", PD_ERROR_INVALID,
                    "The stock would stay at A-01: scan another destination.");

  g_assert_true (transfer (f, "TR-2", "A-01", "A-02", "SKU-2", NULL, "0.75", &error));
  g_assert_no_error (error);
  g_assert_cmpint (pd_store_get_on_hand (f->store, f->sku2, f->loc.a02, NULL), ==, QTY (3) / 4);
  g_assert_cmpint (pd_store_get_on_hand (f->store, f->sku2, f->loc.a01, NULL), ==, QTY (5) / 4);

  g_assert_false (pd_store_cancel_order (f->store, f->admin, "TR-2", &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (pd_store_close_order (f->store, f->admin, "TR-2", &shorts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (shorts->len, ==, 2);
  g_assert_cmpstr (((PdStockOrderLine *) g_ptr_array_index (shorts, 0))->sku, ==, "SKU-1");
  g_assert_cmpint (((PdStockOrderLine *) g_ptr_array_index (shorts, 0))->done_qty, ==, 0);
  g_assert_cmpint (((PdStockOrderLine *) g_ptr_array_index (shorts, 1))->done_qty, ==, QTY (3) / 4);

  order = get (f, "TR-2");
  g_assert_cmpint (order->status, ==, PD_ORDER_DONE);
  g_assert_true (order->closed_short);
  g_assert_cmpstr (order->dest_location_code, ==, "Z1");
  refused_transfer (f, "TR-2", "A-01", "A-02", "SKU-1", NULL, "1", PD_ERROR_INVALID, "TR-2 is done");
  pd_test_assert_stock_agrees (f->store);
}

/* A station with orders at schema 7 keeps them, their lines and their
 * links to the ledger through the rebuild of schema 8. */
static void
test_transfer_upgrade (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = pd_test_data_dir_new ();
  g_autoptr(PdStore) store = NULL;
  g_autoptr(PdUser) admin = NULL;
  g_autoptr(PdStockOrder) order = NULL;
  PdTestLocations loc;
  gint64 sku1;
  sqlite3 *db;

  store = pd_store_open_at_version (dir, 7, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pd_store_get_schema_version (store), ==, 7);
  pd_store_init_station (store, "Before transfers", "admin", PD_TEST_PASSWORD, &error);
  g_assert_no_error (error);
  admin = pd_test_login (store, "admin");
  pd_test_add_warehouses (store, admin, NULL, &loc);
  sku1 = pd_test_add_item (store, admin, "SKU-1", "pcs", NULL, FALSE);

  /* A receipt and an order of schema 7 that executed it, written by SQL
   * as that version did: the code of this version writes the columns of
   * later schemas. */
  db = pd_store_get_db (store);
  {
    g_autofree char *sql = g_strdup_printf (
      "INSERT INTO stock_moves (id, uuid, item_id, to_location, qty, reason, ref, user_name, ts) "
      "VALUES (5, 'm-old', %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", 'receipt', 'PO-OLD', 'admin', 1);"
      "INSERT INTO stock_levels (item_id, location_id, lot_id, qty) "
      "VALUES (%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", 0, %" G_GINT64_FORMAT ");"
      "INSERT INTO stock_orders (id, uuid, ref, kind, status, location_id, tolerance, created_at, updated_at) "
      "VALUES (7, 'u-old', 'PO-OLD', 'inbound', 'in-progress', %" G_GINT64_FORMAT ", 5, 'then', 'then'), "
      "       (9, 'u-so', 'SO-OLD', 'outbound', 'draft', NULL, 0, 'then', 'then');"
      "INSERT INTO stock_order_lines (id, order_id, line_no, item_id, qty, done_qty) "
      "VALUES (21, 7, 1, %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT "), "
      "       (22, 9, 1, %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", 0);"
      "INSERT INTO stock_order_moves (move_id, line_id) VALUES (5, 21);",
      sku1, loc.a01, QTY (3), sku1, loc.a01, QTY (3),
      loc.wh1, sku1, QTY (8), QTY (3), sku1, QTY (1));

    g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  }
  g_assert_cmpint (sqlite3_exec (db, "INSERT INTO stock_orders (uuid, ref, kind, created_at, updated_at) "
                                     "VALUES ('u-x', 'TR-OLD', 'transfer', 'then', 'then')",
                                 NULL, NULL, NULL) & 0xff, ==, SQLITE_CONSTRAINT);
  g_clear_object (&admin);
  g_assert_finalize_object (g_steal_pointer (&store));

  store = pd_store_open (dir, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pd_store_get_schema_version (store), ==, pd_store_get_latest_version ());
  g_assert_cmpint (pd_store_get_latest_version (), >=, 8);
  db = pd_store_get_db (store);

  /* Everything is there, with its ids, and no destination. */
  order = pd_store_get_order (store, "PO-OLD", &error);
  g_assert_no_error (error);
  g_assert_cmpint (order->id, ==, 7);
  g_assert_cmpint (order->kind, ==, PD_ORDER_INBOUND);
  g_assert_cmpint (order->status, ==, PD_ORDER_IN_PROGRESS);
  g_assert_cmpstr (order->location_code, ==, "WH1");
  g_assert_cmpint (order->dest_location_id, ==, 0);
  g_assert_cmpuint (order->tolerance, ==, 5);
  g_assert_cmpuint (order->lines->len, ==, 1);
  g_assert_cmpint (line_of (order, 1)->id, ==, 21);
  g_assert_cmpint (line_of (order, 1)->done_qty, ==, QTY (3));
  g_clear_pointer (&order, pd_stock_order_free);
  g_assert_cmpint (pd_test_count_rows (store, "stock_orders"), ==, 2);
  g_assert_cmpint (pd_test_count_rows (store, "stock_order_lines"), ==, 2);
  g_assert_cmpint (pd_test_query_int (store, "SELECT line_id FROM stock_order_moves"), ==, 21);

  /* The foreign keys point at the final tables, and hold. */
  g_assert_cmpint (pd_test_query_int (store, "SELECT COUNT(*) FROM sqlite_schema WHERE sql LIKE '%\\_new%' ESCAPE '\\'"),
                   ==, 0);
  g_assert_cmpint (pd_test_query_int (store, "SELECT COUNT(*) FROM pragma_foreign_key_list ('stock_order_lines') "
                                       "WHERE \"table\" = 'stock_orders' AND on_delete = 'CASCADE'"), ==, 1);
  g_assert_cmpint (pd_test_query_int (store, "SELECT COUNT(*) FROM pragma_foreign_key_list ('stock_order_moves') "
                                       "WHERE \"table\" = 'stock_order_lines'"), ==, 1);
  g_assert_cmpint (pd_test_query_int (store, "SELECT COUNT(*) FROM pragma_foreign_key_check"), ==, 0);
  g_assert_cmpint (pd_test_query_int (store, "SELECT COUNT(*) FROM sqlite_schema WHERE type = 'index' AND name IN "
                                       "('stock_orders_status', 'stock_order_lines_item', 'stock_order_moves_line')"),
                   ==, 3);

  /* The old order goes on, and a transfer can be made. */
  admin = pd_test_login (store, "admin");
  g_assert_true (pd_store_order_execute (store, admin, "PO-OLD", "A-01", "SKU-1", NULL, 0, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (pd_store_release_order (store, admin, "SO-OLD", &error));
  g_assert_no_error (error);
  order = pd_stock_order_new (PD_ORDER_TRANSFER);
  order->ref = g_strdup ("TR-NEW");
  order->location_id = loc.a01;
  order->dest_location_id = loc.b01;
  pd_stock_order_add_line (order, "SKU-1", NULL, QTY (8));
  g_assert_true (pd_store_create_order (store, admin, order, TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (pd_store_order_execute_transfer (store, admin, "TR-NEW", "A-01", "B-01", "SKU-1", NULL, 0,
                                                  NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pd_store_get_on_hand (store, sku1, loc.b01, NULL), ==, QTY (8));
  pd_test_assert_stock_agrees (store);

  g_clear_object (&admin);
  g_assert_finalize_object (g_steal_pointer (&store));
  pd_test_data_dir_free (g_steal_pointer (&dir));
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  if (argc == 3 && g_str_equal (argv[1], "race-child"))
    return child_race (argv[2]);

  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/core/wms/orders/create", test_create);
  ADD ("/core/wms/orders/create-refused", test_create_refused);
  ADD ("/core/wms/orders/inbound", test_inbound);
  ADD ("/core/wms/orders/refused-scans", test_refused_scans);
  ADD ("/core/wms/orders/outbound-close-short", test_outbound);
  ADD ("/core/wms/orders/transitions", test_transitions);
  ADD ("/core/wms/orders/lots", test_lots);
  ADD ("/core/wms/orders/race", test_race);
  ADD ("/core/wms/orders/transfer-create", test_transfer_create);
  ADD ("/core/wms/orders/transfer-execute", test_transfer_execute);
  ADD ("/core/wms/orders/transfer-close-short", test_transfer_close_short);
  g_test_add_func ("/core/wms/orders/transfer-upgrade", test_transfer_upgrade);

  ret = g_test_run ();
  pd_test_populated_template_free ();
  return ret;
}
