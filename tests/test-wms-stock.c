/* test-wms-stock.c — the stock ledger: moves, on-hand, refusals, alarms, the check
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-wms-stock"

#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "pd-store-alarms.h"
#include "pd-store-wms.h"
#include "pd-test-utils.h"

#define QTY(units) ((PdQty) (units) * PD_QTY_ONE)

typedef struct
{
  char    *dir;
  PdStore *store;
  PdUser  *admin;
  PdUser  *supervisor;
  PdUser  *warehouse;
  PdUser  *operator;
  PdTestLocations loc; /* WH2 allows negative stock */
  gint64   sku1;       /* pcs, no lots */
  gint64   lot1;       /* kg, lot-tracked */
  guint    stock_changed;
} Fixture;

static void
stock_changed_cb (PdStore *store,
                  Fixture *f)
{
  f->stock_changed++;
}

static void
open_store (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  f->store = pd_store_open (f->dir, &error);
  g_assert_no_error (error);
  f->admin = pd_test_login (f->store, "admin");
  f->supervisor = pd_test_login (f->store, "supervisor");
  f->warehouse = pd_test_login (f->store, "warehouse");
  f->operator = pd_test_login (f->store, "operator");
  g_signal_connect (f->store, "stock-changed", G_CALLBACK (stock_changed_cb), f);
}

static void
close_store (Fixture *f)
{
  g_clear_object (&f->admin);
  g_clear_object (&f->supervisor);
  g_clear_object (&f->warehouse);
  g_clear_object (&f->operator);
  g_assert_finalize_object (f->store);
  f->store = NULL;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdLocation) wh2 = NULL;

  f->dir = pd_test_data_dir_new_populated ();
  open_store (f);

  pd_test_add_warehouses (f->store, f->admin, NULL, &f->loc);

  wh2 = pd_store_get_location (f->store, f->loc.wh2, &error);
  g_assert_no_error (error);
  wh2->allow_negative = TRUE;
  pd_store_update_location (f->store, f->admin, wh2, &error);
  g_assert_no_error (error);

  f->sku1 = pd_test_add_item (f->store, f->admin, "SKU-1", "pcs", NULL, FALSE);
  f->lot1 = pd_test_add_item (f->store, f->admin, "LOT-1", "kg", NULL, TRUE);
  f->stock_changed = 0;
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  close_store (f);
  pd_test_data_dir_free (f->dir);
}

/* --- Helpers ---------------------------------------------------------------- */

static PdStockMove *
make_move (PdMoveReason  reason,
           gint64        item_id,
           gint64        from,
           gint64        to,
           PdQty         qty,
           const char   *lot_code)
{
  PdStockMove *move = pd_stock_move_new ();

  move->reason = reason;
  move->item_id = item_id;
  move->from_location = from;
  move->to_location = to;
  move->qty = qty;
  move->lot_code = g_strdup (lot_code);

  return move;
}

static PdQty
parse (const char *text)
{
  g_autoptr(GError) error = NULL;
  PdQty qty = 0;

  pd_qty_parse (text, &qty, &error);
  g_assert_no_error (error);

  return qty;
}

/* Posts one move; its id, or 0 with ERROR. */
static gint64
post (PdStore      *store,
      PdUser       *user,
      PdMoveReason  reason,
      gint64        item_id,
      gint64        from,
      gint64        to,
      PdQty         qty,
      const char   *lot_code,
      GError      **error)
{
  g_autoptr(GPtrArray) moves = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_stock_move_free);
  PdStockMove *move = make_move (reason, item_id, from, to, qty, lot_code);

  g_ptr_array_add (moves, move);
  if (!pd_store_post_moves (store, user, moves, error))
    return 0;
  g_assert_cmpint (move->id, >, 0);
  g_assert_nonnull (move->uuid);
  g_assert_cmpstr (move->user_name, ==, pd_user_get_name (user));

  return move->id;
}

static gint64
post_ok (Fixture      *f,
         PdMoveReason  reason,
         gint64        item_id,
         gint64        from,
         gint64        to,
         PdQty         qty,
         const char   *lot_code)
{
  g_autoptr(GError) error = NULL;
  gint64 id = post (f->store, reason == PD_MOVE_ADJUSTMENT ? f->supervisor : f->warehouse,
                    reason, item_id, from, to, qty, lot_code, &error);

  g_assert_no_error (error);
  return id;
}

static PdQty
on_hand (Fixture *f,
         gint64   item_id,
         gint64   location_id)
{
  g_autoptr(GError) error = NULL;
  PdQty qty = pd_store_get_on_hand (f->store, item_id, location_id, &error);

  g_assert_no_error (error);
  return qty;
}

static void
exec_sql (PdStore    *store,
          const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (pd_store_get_db (store), sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

static gint64
count_moves (Fixture *f)
{
  return pd_test_count_rows (f->store, "stock_moves");
}

static gint64
count_ok_moves_audit (PdStore *store)
{
  return pd_test_query_int (store, "SELECT COUNT(*) FROM audit_log WHERE action = 'stock.move' AND result = 'ok'");
}

/* --- Arithmetic and on-hand ------------------------------------------------- */

static void
test_exact (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) levels = NULL;
  g_autoptr(GPtrArray) moves = NULL;
  PdStockLevel *level;

  post_ok (f, PD_MOVE_RECEIPT, f->sku1, 0, f->loc.a01, parse ("0.1"), NULL);
  post_ok (f, PD_MOVE_RECEIPT, f->sku1, 0, f->loc.a01, parse ("0.2"), NULL);
  g_assert_cmpint (on_hand (f, f->sku1, f->loc.a01), ==, parse ("0.3"));
  g_assert_cmpint (on_hand (f, f->sku1, f->loc.a01), ==, 300000);
  /* The subtree: zone, warehouse, everywhere; another bin and warehouse hold none. */
  g_assert_cmpint (on_hand (f, f->sku1, f->loc.z1), ==, parse ("0.3"));
  g_assert_cmpint (on_hand (f, f->sku1, f->loc.wh1), ==, parse ("0.3"));
  g_assert_cmpint (on_hand (f, f->sku1, 0), ==, parse ("0.3"));
  g_assert_cmpint (on_hand (f, f->sku1, f->loc.a02), ==, 0);
  g_assert_cmpint (on_hand (f, f->sku1, f->loc.wh2), ==, 0);
  g_assert_cmpuint (f->stock_changed, ==, 2);

  post_ok (f, PD_MOVE_TRANSFER, f->sku1, f->loc.a01, f->loc.a02, parse ("0.05"), NULL);
  g_assert_cmpint (on_hand (f, f->sku1, f->loc.a01), ==, parse ("0.25"));
  g_assert_cmpint (on_hand (f, f->sku1, f->loc.a02), ==, parse ("0.05"));
  g_assert_cmpint (on_hand (f, f->sku1, f->loc.z1), ==, parse ("0.3"));

  levels = pd_store_list_stock_levels (f->store, f->sku1, f->loc.wh1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (levels->len, ==, 2);
  level = g_ptr_array_index (levels, 0);
  g_assert_cmpstr (level->sku, ==, "SKU-1");
  g_assert_cmpstr (level->location_code, ==, "A-01");
  g_assert_null (level->lot_code);
  g_assert_cmpint (level->qty, ==, parse ("0.25"));
  g_clear_pointer (&levels, g_ptr_array_unref);

  post_ok (f, PD_MOVE_ISSUE, f->sku1, f->loc.a01, 0, parse ("0.25"), NULL);
  post_ok (f, PD_MOVE_ISSUE, f->sku1, f->loc.a02, 0, parse ("0.05"), NULL);
  g_assert_cmpint (on_hand (f, f->sku1, 0), ==, 0);

  /* Rows of 0 are left out. */
  levels = pd_store_list_stock_levels (f->store, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (levels->len, ==, 0);

  /* Newest first, paged by id. */
  moves = pd_store_list_moves (f->store, f->sku1, 0, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (moves->len, ==, 2);
  g_assert_cmpint (((PdStockMove *) g_ptr_array_index (moves, 0))->reason, ==, PD_MOVE_ISSUE);
  g_assert_cmpstr (((PdStockMove *) g_ptr_array_index (moves, 0))->from_code, ==, "A-02");
  {
    gint64 last = ((PdStockMove *) g_ptr_array_index (moves, 1))->id;

    g_clear_pointer (&moves, g_ptr_array_unref);
    moves = pd_store_list_moves (f->store, f->sku1, last, 0, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (moves->len, ==, 3);
    g_assert_cmpint (((PdStockMove *) g_ptr_array_index (moves, 0))->id, <, last);
    g_assert_cmpint (((PdStockMove *) g_ptr_array_index (moves, 2))->qty, ==, parse ("0.1"));
  }

  /* One audit record a post, saying what moved where. */
  g_assert_cmpint (pd_test_query_int (f->store, "SELECT COUNT(*) FROM audit_log WHERE action = 'stock.move' "
                                        "AND detail = 'receipt 0.1 pcs SKU-1 → A-01'"), ==, 1);
  g_assert_cmpint (pd_test_query_int (f->store, "SELECT COUNT(*) FROM audit_log WHERE action = 'stock.move' "
                                        "AND detail = 'transfer 0.05 pcs SKU-1 A-01 → A-02'"), ==, 1);

  /* The outbox payload carries quantities as strings. */
  g_assert_cmpint (pd_test_query_int (f->store,
                              "SELECT COUNT(*) FROM outbox WHERE entity = 'stock_move' "
                              "AND json_extract (payload, '$.moves[0].qty') = '0.05'"), ==, 2);

  pd_test_assert_stock_agrees (f->store);
}

static void
test_refusals (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  /* Bad requests name their values; nothing is written. */
  g_assert_cmpint (post (f->store, f->warehouse, PD_MOVE_RECEIPT, f->sku1, 0, f->loc.a01, 0, NULL, &error), ==, 0);
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (post (f->store, f->warehouse, PD_MOVE_RECEIPT, f->sku1, 0, f->loc.a01, PD_QTY_MAX + 1, NULL, &error), ==, 0);
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (post (f->store, f->warehouse, PD_MOVE_RECEIPT, f->sku1, f->loc.a02, f->loc.a01, QTY (1), NULL, &error), ==, 0);
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (post (f->store, f->warehouse, PD_MOVE_TRANSFER, f->sku1, f->loc.a01, f->loc.a01, QTY (1), NULL, &error), ==, 0);
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (post (f->store, f->warehouse, PD_MOVE_ISSUE, f->sku1, 0, f->loc.a01, QTY (1), NULL, &error), ==, 0);
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (post (f->store, f->warehouse, PD_MOVE_RECEIPT, 999, 0, f->loc.a01, QTY (1), NULL, &error), ==, 0);
  g_assert_error (error, PD_ERROR, PD_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "999"));
  g_clear_error (&error);
  g_assert_cmpint (post (f->store, f->warehouse, PD_MOVE_RECEIPT, f->sku1, 0, 888, QTY (1), NULL, &error), ==, 0);
  g_assert_error (error, PD_ERROR, PD_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "888"));
  g_clear_error (&error);
  g_assert_cmpint (count_moves (f), ==, 0);
  g_assert_cmpint (count_ok_moves_audit (f->store), ==, 0);
  g_assert_cmpuint (f->stock_changed, ==, 0);
}

static void
test_negative_refused (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 moves, audits;

  post_ok (f, PD_MOVE_RECEIPT, f->sku1, 0, f->loc.a01, QTY (3), NULL);
  moves = count_moves (f);
  audits = count_ok_moves_audit (f->store);
  f->stock_changed = 0;

  g_assert_cmpint (post (f->store, f->warehouse, PD_MOVE_ISSUE, f->sku1, f->loc.a01, 0, QTY (5), NULL, &error), ==, 0);
  g_assert_error (error, PD_ERROR, PD_ERROR_INSUFFICIENT);
  g_assert_cmpstr (error->message, ==, "Only 3 pcs of SKU-1 at A-01; 5 asked.");
  g_clear_error (&error);

  /* A transfer out of a bin with none. */
  g_assert_cmpint (post (f->store, f->warehouse, PD_MOVE_TRANSFER, f->sku1, f->loc.a02, f->loc.a01, parse ("0.5"), NULL, &error), ==, 0);
  g_assert_error (error, PD_ERROR, PD_ERROR_INSUFFICIENT);
  g_assert_cmpstr (error->message, ==, "Only 0 pcs of SKU-1 at A-02; 0.5 asked.");
  g_clear_error (&error);

  g_assert_cmpint (count_moves (f), ==, moves);
  g_assert_cmpint (count_ok_moves_audit (f->store), ==, audits);
  g_assert_cmpint (on_hand (f, f->sku1, f->loc.a01), ==, QTY (3));
  g_assert_cmpint (on_hand (f, f->sku1, f->loc.a02), ==, 0);
  g_assert_cmpint (pd_test_query_int (f->store, "SELECT COUNT(*) FROM stock_levels"), ==, 1);
  g_assert_cmpuint (f->stock_changed, ==, 0);

  /* Exactly all of it may go. */
  post_ok (f, PD_MOVE_ISSUE, f->sku1, f->loc.a01, 0, QTY (3), NULL);
  g_assert_cmpint (on_hand (f, f->sku1, f->loc.a01), ==, 0);
  pd_test_assert_stock_agrees (f->store);
}

static void
test_allow_negative (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) levels = NULL;

  post_ok (f, PD_MOVE_ISSUE, f->sku1, f->loc.b01, 0, QTY (2), NULL);
  g_assert_cmpint (on_hand (f, f->sku1, f->loc.b01), ==, -QTY (2));
  g_assert_cmpint (on_hand (f, f->sku1, f->loc.wh2), ==, -QTY (2));

  /* Negative rows are shown. */
  levels = pd_store_list_stock_levels (f->store, 0, f->loc.wh2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (levels->len, ==, 1);
  g_assert_cmpint (((PdStockLevel *) g_ptr_array_index (levels, 0))->qty, ==, -QTY (2));

  /* Out of WH2 into WH1 as well; but not out of WH1. */
  post_ok (f, PD_MOVE_TRANSFER, f->sku1, f->loc.b01, f->loc.a01, QTY (1), NULL);
  g_assert_cmpint (on_hand (f, f->sku1, f->loc.b01), ==, -QTY (3));
  g_assert_cmpint (post (f->store, f->warehouse, PD_MOVE_TRANSFER, f->sku1, f->loc.a01, f->loc.b01, QTY (2), NULL, &error), ==, 0);
  g_assert_error (error, PD_ERROR, PD_ERROR_INSUFFICIENT);
  g_clear_error (&error);

  post_ok (f, PD_MOVE_RECEIPT, f->sku1, 0, f->loc.b01, QTY (3), NULL);
  g_assert_cmpint (on_hand (f, f->sku1, f->loc.b01), ==, 0);
  pd_test_assert_stock_agrees (f->store);
}

static void
test_lots (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) lots = NULL;
  g_autoptr(GPtrArray) levels = NULL;

  /* A lot-tracked item names a lot. */
  g_assert_cmpint (post (f->store, f->warehouse, PD_MOVE_RECEIPT, f->lot1, 0, f->loc.a01, QTY (1), NULL, &error), ==, 0);
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "LOT-1"));
  g_clear_error (&error);
  /* An item without lots names none. */
  g_assert_cmpint (post (f->store, f->warehouse, PD_MOVE_RECEIPT, f->sku1, 0, f->loc.a01, QTY (1), "L1", &error), ==, 0);
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "L1"));
  g_clear_error (&error);
  /* Only a receipt makes a lot. */
  g_assert_cmpint (post (f->store, f->supervisor, PD_MOVE_ADJUSTMENT, f->lot1, 0, f->loc.a01, QTY (1), "L9", &error), ==, 0);
  g_assert_error (error, PD_ERROR, PD_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "L9"));
  g_clear_error (&error);
  g_assert_cmpint (pd_test_count_rows (f->store, "lots"), ==, 0);

  post_ok (f, PD_MOVE_RECEIPT, f->lot1, 0, f->loc.a01, parse ("2.5"), "L1");
  post_ok (f, PD_MOVE_RECEIPT, f->lot1, 0, f->loc.a01, parse ("1"), "L2");
  post_ok (f, PD_MOVE_RECEIPT, f->lot1, 0, f->loc.a01, parse ("0.5"), "L1");
  lots = pd_store_list_lots (f->store, f->lot1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lots->len, ==, 2);

  /* Lots are kept apart. */
  g_assert_cmpint (post (f->store, f->warehouse, PD_MOVE_ISSUE, f->lot1, f->loc.a01, 0, QTY (2), "L2", &error), ==, 0);
  g_assert_error (error, PD_ERROR, PD_ERROR_INSUFFICIENT);
  g_assert_cmpstr (error->message, ==, "Only 1 kg of LOT-1 lot L2 at A-01; 2 asked.");
  g_clear_error (&error);
  post_ok (f, PD_MOVE_ISSUE, f->lot1, f->loc.a01, 0, QTY (2), "L1");
  post_ok (f, PD_MOVE_TRANSFER, f->lot1, f->loc.a01, f->loc.a02, QTY (1), "L2");
  g_assert_cmpint (on_hand (f, f->lot1, f->loc.z1), ==, QTY (2));

  levels = pd_store_list_stock_levels (f->store, f->lot1, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (levels->len, ==, 2);
  g_assert_cmpstr (((PdStockLevel *) g_ptr_array_index (levels, 0))->lot_code, ==, "L1");
  g_assert_cmpint (((PdStockLevel *) g_ptr_array_index (levels, 0))->qty, ==, QTY (1));
  g_assert_cmpstr (((PdStockLevel *) g_ptr_array_index (levels, 1))->location_code, ==, "A-02");
  g_assert_cmpstr (((PdStockLevel *) g_ptr_array_index (levels, 1))->lot_code, ==, "L2");
  pd_test_assert_stock_agrees (f->store);
}

static void
test_batch (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) moves = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_stock_move_free);

  /* The last one fails: nothing of the batch stays, not even the new lot. */
  g_ptr_array_add (moves, make_move (PD_MOVE_RECEIPT, f->sku1, 0, f->loc.a01, QTY (5), NULL));
  g_ptr_array_add (moves, make_move (PD_MOVE_RECEIPT, f->lot1, 0, f->loc.a01, QTY (5), "NEW"));
  g_ptr_array_add (moves, make_move (PD_MOVE_TRANSFER, f->sku1, f->loc.a01, f->loc.a02, QTY (5), NULL));
  g_ptr_array_add (moves, make_move (PD_MOVE_ISSUE, f->sku1, f->loc.a02, 0, QTY (6), NULL));
  g_assert_false (pd_store_post_moves (f->store, f->warehouse, moves, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INSUFFICIENT);
  g_assert_cmpstr (error->message, ==, "Only 5 pcs of SKU-1 at A-02; 6 asked.");
  g_clear_error (&error);
  g_assert_cmpint (count_moves (f), ==, 0);
  g_assert_cmpint (pd_test_count_rows (f->store, "stock_levels"), ==, 0);
  g_assert_cmpint (pd_test_count_rows (f->store, "lots"), ==, 0);
  g_assert_cmpint (count_ok_moves_audit (f->store), ==, 0);
  for (guint i = 0; i < moves->len; i++)
    g_assert_cmpint (((PdStockMove *) g_ptr_array_index (moves, i))->id, ==, 0);

  /* Each move sees the ones before it. */
  ((PdStockMove *) g_ptr_array_index (moves, 3))->qty = QTY (5);
  g_assert_true (pd_store_post_moves (f->store, f->warehouse, moves, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < moves->len; i++)
    g_assert_cmpint (((PdStockMove *) g_ptr_array_index (moves, i))->id, >, 0);
  g_assert_cmpint (count_moves (f), ==, 4);
  g_assert_cmpint (on_hand (f, f->sku1, 0), ==, 0);
  g_assert_cmpint (on_hand (f, f->lot1, f->loc.a01), ==, QTY (5));
  g_assert_cmpint (count_ok_moves_audit (f->store), ==, 1);
  g_assert_cmpint (pd_test_query_int (f->store, "SELECT json_array_length (payload, '$.moves') FROM outbox "
                                        "WHERE entity = 'stock_move'"), ==, 4);
  g_assert_cmpuint (f->stock_changed, ==, 1);
  pd_test_assert_stock_agrees (f->store);
}

static void
test_reversal (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) moves = NULL;
  g_autofree char *expected = NULL;
  gint64 receipt, transfer;

  receipt = post_ok (f, PD_MOVE_RECEIPT, f->sku1, 0, f->loc.a01, QTY (5), NULL);
  transfer = post_ok (f, PD_MOVE_TRANSFER, f->sku1, f->loc.a01, f->loc.a02, QTY (2), NULL);

  /* A warehouse clerk may move but not reverse. */
  g_assert_false (pd_store_reverse_move (f->store, f->warehouse, transfer, "oops", &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);

  g_assert_true (pd_store_reverse_move (f->store, f->supervisor, transfer, "oops", &error));
  g_assert_no_error (error);
  g_assert_cmpint (on_hand (f, f->sku1, f->loc.a01), ==, QTY (5));
  g_assert_cmpint (on_hand (f, f->sku1, f->loc.a02), ==, 0);

  moves = pd_store_list_moves (f->store, 0, 0, 1, &error);
  g_assert_no_error (error);
  {
    PdStockMove *reversal = g_ptr_array_index (moves, 0);

    g_assert_cmpint (reversal->reason, ==, PD_MOVE_REVERSAL);
    g_assert_cmpint (reversal->reverses, ==, transfer);
    g_assert_cmpint (reversal->from_location, ==, f->loc.a02);
    g_assert_cmpint (reversal->to_location, ==, f->loc.a01);
    g_assert_cmpint (reversal->qty, ==, QTY (2));
    g_assert_cmpstr (reversal->ref, ==, "oops");
  }

  /* Once only. */
  g_assert_false (pd_store_reverse_move (f->store, f->supervisor, transfer, NULL, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_EXISTS);
  expected = g_strdup_printf ("Move %" G_GINT64_FORMAT " was already reversed.", transfer);
  g_assert_cmpstr (error->message, ==, expected);
  g_clear_error (&error);

  /* Also twice in one batch. */
  g_clear_pointer (&moves, g_ptr_array_unref);
  moves = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_stock_move_free);
  for (guint i = 0; i < 2; i++)
    {
      PdStockMove *move = pd_stock_move_new ();

      move->reason = PD_MOVE_REVERSAL;
      move->reverses = receipt;
      g_ptr_array_add (moves, move);
    }
  g_assert_false (pd_store_post_moves (f->store, f->supervisor, moves, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_cmpint (on_hand (f, f->sku1, f->loc.a01), ==, QTY (5));

  /* A receipt whose stock has gone cannot be reversed. */
  post_ok (f, PD_MOVE_ISSUE, f->sku1, f->loc.a01, 0, QTY (4), NULL);
  g_assert_false (pd_store_reverse_move (f->store, f->supervisor, receipt, NULL, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INSUFFICIENT);
  g_clear_error (&error);

  g_assert_false (pd_store_reverse_move (f->store, f->supervisor, 12345, NULL, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_NOT_FOUND);
  g_clear_error (&error);
  pd_test_assert_stock_agrees (f->store);
}

static void
test_permissions (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (post (f->store, f->operator, PD_MOVE_RECEIPT, f->sku1, 0, f->loc.a01, QTY (1), NULL, &error), ==, 0);
  g_assert_error (error, PD_ERROR, PD_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  g_assert_cmpint (pd_test_query_int (f->store, "SELECT COUNT(*) FROM audit_log WHERE action = 'stock.move' "
                                        "AND result = 'denied' AND user_name = 'operator'"), ==, 1);

  g_assert_cmpint (post (f->store, f->warehouse, PD_MOVE_RECEIPT, f->sku1, 0, f->loc.a01, QTY (1), NULL, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (post (f->store, f->warehouse, PD_MOVE_ADJUSTMENT, f->sku1, 0, f->loc.a01, QTY (1), NULL, &error), ==, 0);
  g_assert_error (error, PD_ERROR, PD_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  g_assert_cmpint (post (f->store, f->supervisor, PD_MOVE_ADJUSTMENT, f->sku1, f->loc.a01, 0, QTY (1), NULL, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (post (f->store, f->admin, PD_MOVE_ADJUSTMENT, f->sku1, 0, f->loc.a01, QTY (2), NULL, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (on_hand (f, f->sku1, f->loc.a01), ==, QTY (2));
  g_assert_cmpint (count_moves (f), ==, 3);
}

/* --- The check ---------------------------------------------------------------- */

static void
test_check_random (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261124);
  g_autoptr(GHashTable) model = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GArray) posted = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  gint64 locations[] = { f->loc.a01, f->loc.a02, f->loc.z1, f->loc.wh1, f->loc.b01 };
  gint64 items[] = { f->sku1, f->lot1 };
  const char *lots[] = { "L1", "L2", "L3" };
  guint ok = 0, refused = 0;

  for (guint n = 0; n < 500; n++)
    {
      gint64 item = items[g_rand_int_range (rand, 0, 2)];
      const char *lot = item == f->lot1 ? lots[g_rand_int_range (rand, 0, 3)] : NULL;
      gint64 a = locations[g_rand_int_range (rand, 0, G_N_ELEMENTS (locations))];
      gint64 b = locations[g_rand_int_range (rand, 0, G_N_ELEMENTS (locations))];
      PdQty qty = g_rand_int_range (rand, 1, 5000) * 1000;   /* 0.001 … 4.999 */
      int kind = g_rand_int_range (rand, 0, 10);
      gint64 id;

      if (kind < 4)
        id = post (f->store, f->warehouse, PD_MOVE_RECEIPT, item, 0, a, qty, lot, &error);
      else if (kind < 6)
        id = post (f->store, f->warehouse, PD_MOVE_ISSUE, item, a, 0, qty, lot, &error);
      else if (kind < 8)
        id = a == b ? 0 : post (f->store, f->warehouse, PD_MOVE_TRANSFER, item, a, b, qty, lot, &error);
      else if (kind < 9)
        id = post (f->store, f->supervisor, PD_MOVE_ADJUSTMENT, item,
                   g_rand_boolean (rand) ? a : 0, 0, qty, lot, &error);
      else if (posted->len > 0)
        {
          gint64 target = g_array_index (posted, gint64, g_rand_int_range (rand, 0, posted->len));

          id = pd_store_reverse_move (f->store, f->supervisor, target, NULL, &error) ? 1 : 0;
        }
      else
        id = 0;

      /* A move that failed failed for a reason a person can meet. */
      if (error != NULL)
        {
          g_assert_true (g_error_matches (error, PD_ERROR, PD_ERROR_INSUFFICIENT) ||
                         g_error_matches (error, PD_ERROR, PD_ERROR_NOT_FOUND) ||
                         g_error_matches (error, PD_ERROR, PD_ERROR_INVALID) ||
                         g_error_matches (error, PD_ERROR, PD_ERROR_EXISTS));
          g_clear_error (&error);
          refused++;
        }
      else if (id > 0)
        {
          ok++;
          if (id > 1)
            g_array_append_val (posted, id);
        }
    }
  g_assert_cmpuint (ok, >, 250);
  g_assert_cmpuint (refused, >, 0);

  pd_test_assert_stock_agrees (f->store);
  /* stock_levels never went below zero outside WH2. */
  {
    g_autofree char *sql = g_strdup_printf ("SELECT COUNT(*) FROM stock_levels WHERE qty < 0 AND location_id != %"
                                            G_GINT64_FORMAT, f->loc.b01);

    g_assert_cmpint (pd_test_query_int (f->store, sql), ==, 0);
  }

  /* Tampering shows, in both directions and for a row the ledger lacks. */
  exec_sql (f->store, "UPDATE stock_levels SET qty = qty + 1000000 "
                      "WHERE (item_id, location_id, lot_id) = (SELECT item_id, location_id, lot_id FROM stock_levels "
                      " ORDER BY item_id DESC, location_id, lot_id LIMIT 1)");
  lines = pd_store_check_stock (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lines->len, ==, 1);
  g_test_message ("%s", (const char *) g_ptr_array_index (lines, 0));
  g_assert_nonnull (strstr (g_ptr_array_index (lines, 0), ": ledger "));
  g_clear_pointer (&lines, g_ptr_array_unref);

  exec_sql (f->store, "UPDATE stock_levels SET qty = qty - 2000000 "
                      "WHERE (item_id, location_id, lot_id) = (SELECT item_id, location_id, lot_id FROM stock_levels "
                      " ORDER BY item_id DESC, location_id, lot_id LIMIT 1)");
  {
    g_autofree char *sql = g_strdup_printf ("INSERT INTO stock_levels (item_id, location_id, lot_id, qty) "
                                            "VALUES (%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", 0, 4000000) "
                                            "ON CONFLICT DO UPDATE SET qty = qty + 4000000",
                                            f->sku1, f->loc.a02);

    exec_sql (f->store, sql);
  }
  lines = pd_store_check_stock (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lines->len, ==, 2);
  g_clear_pointer (&lines, g_ptr_array_unref);

  /* A stored 0 equals a missing row. */
  exec_sql (f->store, "DELETE FROM stock_levels");
  lines = pd_store_check_stock (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lines->len, ==, pd_test_query_int (f->store,
                                               "SELECT COUNT(*) FROM (SELECT 1 FROM ("
                                               " SELECT item_id, to_location AS l, lot_id, qty AS q FROM stock_moves WHERE to_location IS NOT NULL"
                                               " UNION ALL SELECT item_id, from_location, lot_id, -qty FROM stock_moves WHERE from_location IS NOT NULL)"
                                               " GROUP BY item_id, l, lot_id HAVING SUM (q) != 0)"));
  g_assert_cmpuint (lines->len, >, 0);
}

static void
test_check_zero_rows (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *sql = NULL;

  post_ok (f, PD_MOVE_RECEIPT, f->sku1, 0, f->loc.a01, QTY (1), NULL);
  post_ok (f, PD_MOVE_ISSUE, f->sku1, f->loc.a01, 0, QTY (1), NULL);
  /* The level of 0 stays as a row; without it the check agrees as well. */
  g_assert_cmpint (pd_test_count_rows (f->store, "stock_levels"), ==, 1);
  pd_test_assert_stock_agrees (f->store);
  exec_sql (f->store, "DELETE FROM stock_levels");
  pd_test_assert_stock_agrees (f->store);
  sql = g_strdup_printf ("INSERT INTO stock_levels VALUES (%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", 0, 0)",
                         f->sku1, f->loc.a02);
  exec_sql (f->store, sql);
  pd_test_assert_stock_agrees (f->store);
}

/* --- Stock alarms ------------------------------------------------------------- */

typedef struct
{
  gboolean exists;
  gboolean active;
  gint64   raises;
  gint64   clears;
  char    *message;
  char    *priority;
  char    *message_key;
  char    *message_args;
} AlarmInfo;

static void
alarm_info_clear (AlarmInfo *info)
{
  g_clear_pointer (&info->message, g_free);
  g_clear_pointer (&info->priority, g_free);
  g_clear_pointer (&info->message_key, g_free);
  g_clear_pointer (&info->message_args, g_free);
}

static void
read_alarm (PdStore    *store,
            gint64      item_id,
            gint64      warehouse_id,
            const char *side,
            AlarmInfo  *info)
{
  sqlite3_stmt *stmt = NULL;
  const char *sql =
    "SELECT s.condition_active, "
    " (SELECT COUNT(*) FROM alarm_events e WHERE e.alarm_id = d.id AND e.kind = 'raise'), "
    " (SELECT COUNT(*) FROM alarm_events e WHERE e.alarm_id = d.id AND e.kind = 'clear'), "
    " d.message, d.priority, d.source_name, d.message_key, d.message_args "
    "FROM alarm_defs d LEFT JOIN alarm_state s ON s.alarm_id = d.id "
    "WHERE d.source = 'stock:' || (SELECT uuid FROM items WHERE id = ?1) || '@' || "
    " (SELECT uuid FROM locations WHERE id = ?2) || ':' || ?3";

  alarm_info_clear (info);
  memset (info, 0, sizeof *info);
  g_assert_cmpint (sqlite3_prepare_v2 (pd_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, item_id);
  sqlite3_bind_int64 (stmt, 2, warehouse_id);
  sqlite3_bind_text (stmt, 3, side, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      info->exists = TRUE;
      info->active = sqlite3_column_int (stmt, 0) != 0;
      info->raises = sqlite3_column_int64 (stmt, 1);
      info->clears = sqlite3_column_int64 (stmt, 2);
      info->message = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      info->priority = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      info->message_key = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
      info->message_args = g_strdup ((const char *) sqlite3_column_text (stmt, 7));
    }
  sqlite3_finalize (stmt);
}

/* The stored arguments of a stock alarm's message: every member a string,
 * the threshold an exact decimal. */
static void
assert_alarm_args (const AlarmInfo *info,
                   const char      *key,
                   const char      *sku,
                   const char      *warehouse,
                   const char      *limit_name,
                   const char      *limit,
                   const char      *unit)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *args;

  g_assert_cmpstr (info->message_key, ==, key);
  json_parser_load_from_data (parser, info->message_args, -1, &error);
  g_assert_no_error (error);
  args = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpuint (json_object_get_size (args), ==, 4);
  g_assert_cmpstr (json_object_get_string_member (args, "sku"), ==, sku);
  g_assert_cmpstr (json_object_get_string_member (args, "warehouse"), ==, warehouse);
  g_assert_cmpstr (json_object_get_string_member (args, limit_name), ==, limit);
  g_assert_cmpstr (json_object_get_string_member (args, "unit"), ==, unit);
}

static void
test_alarms (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  AlarmInfo low = { 0 }, high = { 0 };

  /* Without thresholds no alarm is made at all. */
  post_ok (f, PD_MOVE_RECEIPT, f->sku1, 0, f->loc.a01, QTY (1), NULL);
  post_ok (f, PD_MOVE_ISSUE, f->sku1, f->loc.a01, 0, QTY (1), NULL);
  g_assert_cmpint (pd_test_query_int (f->store, "SELECT COUNT(*) FROM alarm_defs WHERE source LIKE 'stock:%'"), ==, 0);

  /* A threshold counts at once: nothing on hand is below a minimum of 5. */
  pd_test_set_item_thresholds (f->store, f->admin, f->sku1, "5", "10");
  read_alarm (f->store, f->sku1, f->loc.wh1, "low", &low);
  g_assert_true (low.exists && low.active);
  g_assert_cmpint (low.raises, ==, 1);
  post_ok (f, PD_MOVE_RECEIPT, f->sku1, 0, f->loc.a01, QTY (7), NULL);
  read_alarm (f->store, f->sku1, f->loc.wh1, "low", &low);
  g_assert_false (low.exists && low.active);
  post_ok (f, PD_MOVE_ISSUE, f->sku1, f->loc.a01, 0, QTY (2), NULL);   /* 5: at the minimum, not below */
  read_alarm (f->store, f->sku1, f->loc.wh1, "low", &low);
  g_assert_false (low.exists && low.active);

  post_ok (f, PD_MOVE_ISSUE, f->sku1, f->loc.a01, 0, parse ("0.5"), NULL);   /* 4.5 */
  read_alarm (f->store, f->sku1, f->loc.wh1, "low", &low);
  g_assert_true (low.exists);
  g_assert_true (low.active);
  g_assert_cmpint (low.raises, ==, 2);
  g_assert_cmpstr (low.priority, ==, "high");
  g_assert_cmpstr (low.message, ==, "Below the minimum of 5 pcs");
  assert_alarm_args (&low, "stock.low", "SKU-1", "WH1", "min", "5", "pcs");

  /* Readers make the message from the key and its arguments, not from the
   * stored text, which is in the language of whoever moved the stock. */
  {
    g_autoptr(GPtrArray) alarms = NULL;
    g_autofree char *shown = NULL;

    exec_sql (f->store, "UPDATE alarm_defs SET message = 'Unter dem Minimum' WHERE message_key = 'stock.low'");
    alarms = pd_store_list_alarms (f->store, TRUE, 0, &error);
    g_assert_no_error (error);
    for (guint i = 0; i < alarms->len; i++)
      {
        const PdAlarmDef *def = ((PdAlarm *) alarms->pdata[i])->def;

        if (g_strcmp0 (def->message_key, "stock.low") == 0 &&
            g_strcmp0 (def->source_name, "SKU-1 @ WH1") == 0)
          {
            g_assert_null (shown);
            g_assert_cmpstr (def->message, ==, "Unter dem Minimum");
            shown = pd_alarm_def_dup_message (def);
          }
      }
    g_assert_cmpstr (shown, ==, "Below the minimum of 5 pcs");
  }

  /* A transfer inside the warehouse changes nothing; a further issue keeps it raised once. */
  post_ok (f, PD_MOVE_TRANSFER, f->sku1, f->loc.a01, f->loc.a02, QTY (1), NULL);
  post_ok (f, PD_MOVE_ISSUE, f->sku1, f->loc.a01, 0, QTY (1), NULL);   /* 3.5 */
  read_alarm (f->store, f->sku1, f->loc.wh1, "low", &low);
  g_assert_true (low.active);
  g_assert_cmpint (low.raises, ==, 2);
  g_assert_cmpint (low.clears, ==, 1);

  post_ok (f, PD_MOVE_RECEIPT, f->sku1, 0, f->loc.a02, parse ("1.5"), NULL);   /* 5: back in the band */
  read_alarm (f->store, f->sku1, f->loc.wh1, "low", &low);
  g_assert_false (low.active);
  g_assert_cmpint (low.raises, ==, 2);
  g_assert_cmpint (low.clears, ==, 2);

  /* High: above the maximum, not at it. */
  post_ok (f, PD_MOVE_RECEIPT, f->sku1, 0, f->loc.a02, QTY (5), NULL);   /* 10 */
  read_alarm (f->store, f->sku1, f->loc.wh1, "high", &high);
  g_assert_false (high.exists && high.active);
  post_ok (f, PD_MOVE_RECEIPT, f->sku1, 0, f->loc.a02, parse ("0.000001"), NULL);
  read_alarm (f->store, f->sku1, f->loc.wh1, "high", &high);
  g_assert_true (high.active);
  g_assert_cmpint (high.raises, ==, 1);
  g_assert_cmpstr (high.priority, ==, "medium");
  g_assert_cmpstr (high.message, ==, "Above the maximum of 10 pcs");
  assert_alarm_args (&high, "stock.high", "SKU-1", "WH1", "max", "10", "pcs");
  post_ok (f, PD_MOVE_ISSUE, f->sku1, f->loc.a02, 0, parse ("0.000001"), NULL);
  read_alarm (f->store, f->sku1, f->loc.wh1, "high", &high);
  g_assert_false (high.active);
  g_assert_cmpint (high.clears, ==, 1);

  /* Per warehouse: WH2 has its own threshold; WH1's alarm is untouched. */
  pd_store_set_item_threshold (f->store, f->admin, f->sku1, f->loc.wh2, TRUE, QTY (100), FALSE, 0, &error);
  g_assert_no_error (error);
  post_ok (f, PD_MOVE_TRANSFER, f->sku1, f->loc.a02, f->loc.b01, QTY (1), NULL);   /* WH1 9, WH2 1 */
  read_alarm (f->store, f->sku1, f->loc.wh2, "low", &low);
  g_assert_true (low.active);
  g_assert_cmpstr (low.message, ==, "Below the minimum of 100 pcs");
  assert_alarm_args (&low, "stock.low", "SKU-1", "WH2", "min", "100", "pcs");
  read_alarm (f->store, f->sku1, f->loc.wh2, "high", &high);
  g_assert_false (high.exists && high.active);
  read_alarm (f->store, f->sku1, f->loc.wh1, "low", &low);
  g_assert_false (low.active);
  g_assert_cmpint (low.raises, ==, 2);

  /* A refused move raises nothing. */
  g_assert_cmpint (post (f->store, f->warehouse, PD_MOVE_ISSUE, f->sku1, f->loc.a02, 0, QTY (50), NULL, &error), ==, 0);
  g_assert_error (error, PD_ERROR, PD_ERROR_INSUFFICIENT);
  g_clear_error (&error);
  read_alarm (f->store, f->sku1, f->loc.wh1, "low", &low);
  g_assert_false (low.active);
  g_assert_cmpint (low.raises, ==, 2);

  alarm_info_clear (&low);
  alarm_info_clear (&high);
}

/* --- Processes ---------------------------------------------------------------- */

static char *
self_exe (void)
{
  g_autoptr(GError) error = NULL;
  char *path = g_file_read_link ("/proc/self/exe", &error);

  g_assert_no_error (error);
  return path;
}

/* A child: opens the store in DIR, says "ready", waits for a byte on stdin,
 * then issues one unit of SKU-1 from A-01. Exit 0: it got it; 2: refused
 * for want of stock. */
static int
child_race (const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdStore) store = pd_store_open (dir, &error);
  g_autoptr(PdUser) user = NULL;
  g_autoptr(PdItem) item = NULL;
  g_autoptr(PdLocation) bin = NULL;
  char byte;
  gint64 id;

  if (store == NULL)
    return 1;
  pd_store_set_busy_timeout (store, 60000);
  user = pd_test_login (store, "warehouse");
  item = pd_store_find_item (store, "SKU-1", &error);
  bin = pd_store_find_location (store, "A-01", &error);
  if (item == NULL || bin == NULL)
    return 1;

  fputs ("ready\n", stdout);
  fflush (stdout);
  if (read (STDIN_FILENO, &byte, 1) != 1)
    return 1;

  id = post (store, user, PD_MOVE_ISSUE, item->id, bin->id, 0, PD_QTY_ONE, NULL, &error);
  if (id > 0)
    return 0;
  if (g_error_matches (error, PD_ERROR, PD_ERROR_INSUFFICIENT))
    return 2;
  g_printerr ("%s\n", error->message);
  return 1;
}

/* A child: says "start", then posts 50,000 receipts of SKU-1 into A-01 in
 * one batch. */
static int
child_big_receipt (const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdStore) store = pd_store_open (dir, &error);
  g_autoptr(PdUser) user = NULL;
  g_autoptr(PdItem) item = NULL;
  g_autoptr(PdLocation) bin = NULL;
  g_autoptr(GPtrArray) moves = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_stock_move_free);

  if (store == NULL)
    return 1;
  user = pd_test_login (store, "warehouse");
  item = pd_store_find_item (store, "SKU-1", &error);
  bin = pd_store_find_location (store, "A-01", &error);
  if (item == NULL || bin == NULL)
    return 1;
  for (guint i = 0; i < 50000; i++)
    g_ptr_array_add (moves, make_move (PD_MOVE_RECEIPT, item->id, 0, bin->id, PD_QTY_ONE, NULL));

  fputs ("start\n", stdout);
  fflush (stdout);
  if (!pd_store_post_moves (store, user, moves, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  fputs ("done\n", stdout);
  fflush (stdout);
  return 0;
}

typedef struct
{
  GPid  pid;
  int   in;
  FILE *out;
} Child;

static void
spawn_child (const char *mode,
             const char *dir,
             Child      *child)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *exe = self_exe ();
  const char *argv[] = { exe, mode, dir, NULL };
  int out = -1;

  g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                            &child->pid, &child->in, &out, NULL, &error);
  g_assert_no_error (error);
  child->out = fdopen (out, "r");
  g_assert_nonnull (child->out);
}

static void
expect_line (Child      *child,
             const char *line)
{
  char buffer[64] = "";

  /* Blocks until the child writes it: a condition, not a guess. */
  g_assert_nonnull (fgets (buffer, sizeof buffer, child->out));
  g_assert_cmpstr (g_strchomp (buffer), ==, line);
}

static int
wait_child (Child *child,
            int   *signal_number)
{
  int status = 0;

  while (waitpid (child->pid, &status, 0) < 0)
    g_assert_cmpint (errno, ==, EINTR);
  if (child->in >= 0)
    close (child->in);
  fclose (child->out);
  g_spawn_close_pid (child->pid);
  if (signal_number != NULL)
    *signal_number = WIFSIGNALED (status) ? WTERMSIG (status) : 0;

  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

static void
test_race_last_unit (Fixture       *f,
                     gconstpointer  data)
{
  for (guint round = 0; round < 4; round++)
    {
      Child children[2];
      int codes[2];
      int winners = 0, losers = 0;

      post_ok (f, PD_MOVE_RECEIPT, f->sku1, 0, f->loc.a01, QTY (1), NULL);
      g_assert_cmpint (on_hand (f, f->sku1, f->loc.a01), ==, QTY (1));

      for (guint i = 0; i < 2; i++)
        spawn_child ("race-child", f->dir, &children[i]);
      for (guint i = 0; i < 2; i++)
        expect_line (&children[i], "ready");
      /* Both go at once. */
      for (guint i = 0; i < 2; i++)
        {
          g_assert_cmpint (write (children[i].in, "g", 1), ==, 1);
        }
      for (guint i = 0; i < 2; i++)
        {
          codes[i] = wait_child (&children[i], NULL);
          children[i].in = -1;
          winners += codes[i] == 0;
          losers += codes[i] == 2;
        }
      g_assert_cmpint (winners, ==, 1);
      g_assert_cmpint (losers, ==, 1);
      g_assert_cmpint (on_hand (f, f->sku1, f->loc.a01), ==, 0);
      pd_test_assert_stock_agrees (f->store);
    }
}

static void
test_sigkill_large_receipt (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GRand) rand = g_rand_new ();
  guint all = 0, none = 0;
  gint64 full_run = 0;

  close_store (f);

  /* Round 0 runs to the end, to learn how long the receipt takes here
   * (much longer under AddressSanitizer); the others are killed at a
   * random moment within that time. */
  for (guint round = 0; round < 5; round++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PdStore) store = NULL;
      Child child;
      int sig = 0;
      gint64 moves_before, moves_after, levels_before;

      store = pd_store_open (f->dir, &error);
      g_assert_no_error (error);
      moves_before = pd_test_count_rows (store, "stock_moves");
      levels_before = pd_test_query_int (store, "SELECT COALESCE (SUM (qty), 0) FROM stock_levels");
      g_clear_object (&store);

      spawn_child ("big-receipt", f->dir, &child);
      expect_line (&child, "start");
      if (round == 0)
        {
          gint64 t = g_get_monotonic_time ();

          expect_line (&child, "done");
          full_run = g_get_monotonic_time () - t;
          g_assert_cmpint (wait_child (&child, NULL), ==, 0);
          g_test_message ("a receipt of 50,000 moves took %.2f s", full_run / 1e6);
        }
      else
        {
          g_usleep (g_rand_int_range (rand, 0, MAX (full_run, 1000)));
          kill (child.pid, SIGKILL);
          wait_child (&child, &sig);
        }

      store = pd_store_open (f->dir, &error);
      g_assert_no_error (error);
      moves_after = pd_test_count_rows (store, "stock_moves");
      g_assert_true (moves_after == moves_before || moves_after == moves_before + 50000);
      if (moves_after == moves_before)
        {
          none++;
          g_assert_cmpint (pd_test_query_int (store, "SELECT COALESCE (SUM (qty), 0) FROM stock_levels"), ==, levels_before);
        }
      else
        {
          all++;
          g_assert_cmpint (pd_test_query_int (store, "SELECT COALESCE (SUM (qty), 0) FROM stock_levels"), ==,
                           levels_before + 50000 * PD_QTY_ONE);
        }
      pd_test_assert_stock_agrees (store);
      g_test_message ("round %u: %s (signal %d)", round,
                      moves_after == moves_before ? "none" : "all", sig);
      g_assert_finalize_object (g_steal_pointer (&store));
    }
  g_test_message ("%u rounds with none, %u with all", none, all);

  open_store (f);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  if (argc == 3 && g_str_equal (argv[1], "race-child"))
    return child_race (argv[2]);
  if (argc == 3 && g_str_equal (argv[1], "big-receipt"))
    return child_big_receipt (argv[2]);

  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/core/wms/stock/exact", test_exact);
  ADD ("/core/wms/stock/refusals", test_refusals);
  ADD ("/core/wms/stock/outbound-refuses-negative", test_negative_refused);
  ADD ("/core/wms/stock/allow-negative", test_allow_negative);
  ADD ("/core/wms/stock/lots", test_lots);
  ADD ("/core/wms/stock/batch-all-or-nothing", test_batch);
  ADD ("/core/wms/stock/reversal", test_reversal);
  ADD ("/core/wms/stock/permissions", test_permissions);
  ADD ("/core/wms/stock/check/random", test_check_random);
  ADD ("/core/wms/stock/check/zero-rows", test_check_zero_rows);
  ADD ("/core/wms/stock/alarms", test_alarms);
  ADD ("/core/wms/stock/race-last-unit", test_race_last_unit);
  ADD ("/core/wms/stock/sigkill-large-receipt", test_sigkill_large_receipt);

  ret = g_test_run ();

  pd_test_populated_template_free ();

  return ret;
}
