/* test-wms-orders.c — stock orders: create, release, cancel, close short,
 * and their execution by scanned codes
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
  g_autoptr(GError) error = NULL;

  f->dir = pd_test_data_dir_new_populated ();
  f->store = pd_store_open (f->dir, &error);
  g_assert_no_error (error);
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

/* Creates REF with "SKU:QTY[:LOT]" lines at LOCATION_ID. */
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
  g_autoptr(PdStockOrder) order = pd_stock_order_new (kind);

  order->ref = g_strdup (ref);
  order->location_id = location_id;
  order->tolerance = tolerance;
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit (lines[i], ":", 3);
      PdQty qty = 0;

      g_assert_true (pd_qty_parse (parts[1], &qty, NULL));
      pd_stock_order_add_line (order, parts[0], parts[2], qty);
    }

  return pd_store_create_order (f->store, user, order, release, error);
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

static gboolean
scan (Fixture     *f,
      const char  *ref,
      const char  *location,
      const char  *item,
      const char  *lot,
      const char  *qty_text,
      GError     **error)
{
  PdQty qty = 0;

  if (qty_text != NULL)
    g_assert_true (pd_qty_parse (qty_text, &qty, NULL));

  return pd_store_order_execute (f->store, f->warehouse, ref, location, item, lot, qty, NULL, error);
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

/* Asserts that a refused scan fails with CODE and a message containing
 * NEEDLE, and records nothing. */
static void
refused_scan (Fixture     *f,
              const char  *ref,
              const char  *location,
              const char  *item,
              const char  *lot,
              const char  *qty,
              int          code,
              const char  *needle)
{
  g_autoptr(GError) error = NULL;
  Snapshot before = snapshot (f);
  guint changed = f->stock_changed;

  g_assert_false (scan (f, ref, location, item, lot, qty, &error));
  g_assert_error (error, PD_ERROR, code);
  if (strstr (error->message, needle) == NULL)
    g_error ("“%s” does not contain “%s”", error->message, needle);
  assert_unchanged (f, &before);
  g_assert_cmpuint (f->stock_changed, ==, changed);
}

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

  ret = g_test_run ();
  pd_test_populated_template_free ();
  return ret;
}
