/* test-wms-stocktake.c — stocktakes: snapshot, counts, moves during the count, posting
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-wms-stocktake"

#include "config.h"

#include <stdarg.h>
#include <string.h>

#include "pd-store-stocktake.h"
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
  PdTestLocations loc;
  gint64   sku1;       /* pcs */
  gint64   sku2;       /* pcs */
  gint64   lot1;       /* kg, lot-tracked */
} Fixture;

static void
post (Fixture      *f,
      PdUser       *actor,
      PdMoveReason  reason,
      gint64        item_id,
      gint64        from,
      gint64        to,
      PdQty         qty,
      const char   *lot_code)
{
  pd_test_post_move (f->store, actor, item_id, lot_code, from, to, qty, reason);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->store = pd_test_store_open_populated (&f->dir);
  f->admin = pd_test_login (f->store, "admin");
  f->supervisor = pd_test_login (f->store, "supervisor");
  f->warehouse = pd_test_login (f->store, "warehouse");
  f->operator = pd_test_login (f->store, "operator");

  pd_test_add_warehouses (f->store, f->admin, NULL, &f->loc);
  f->sku1 = pd_test_add_item (f->store, f->admin, "SKU-1", "pcs", NULL, FALSE);
  f->sku2 = pd_test_add_item (f->store, f->admin, "SKU-2", "pcs", NULL, FALSE);
  f->lot1 = pd_test_add_item (f->store, f->admin, "LOT-1", "kg", NULL, TRUE);

  post (f, f->warehouse, PD_MOVE_RECEIPT, f->sku1, 0, f->loc.a01, QTY (10), NULL);
  post (f, f->warehouse, PD_MOVE_RECEIPT, f->sku1, 0, f->loc.a02, QTY (4), NULL);
  post (f, f->warehouse, PD_MOVE_RECEIPT, f->sku2, 0, f->loc.a01, QTY (7), NULL);
  post (f, f->warehouse, PD_MOVE_RECEIPT, f->sku1, 0, f->loc.b01, QTY (3), NULL);
  post (f, f->warehouse, PD_MOVE_RECEIPT, f->lot1, 0, f->loc.a02, 2500000, "L1");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->admin);
  g_clear_object (&f->supervisor);
  g_clear_object (&f->warehouse);
  g_clear_object (&f->operator);
  g_assert_finalize_object (f->store);
  pd_test_data_dir_free (f->dir);
}

static gint64
start (Fixture  *f,
       gint64    location_id,
       gboolean  blind)
{
  g_autoptr(GError) error = NULL;
  gint64 id = pd_store_start_stocktake (f->store, f->supervisor, location_id, NULL, blind, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static void
count (Fixture    *f,
       gint64      id,
       gint64      item_id,
       gint64      location_id,
       const char *lot,
       PdQty       qty)
{
  g_autoptr(GError) error = NULL;

  pd_store_count_stocktake (f->store, f->warehouse, id, item_id, location_id, lot, qty, &error);
  g_assert_no_error (error);
}

static GPtrArray *
review (Fixture  *f,
        PdUser   *actor,
        gint64    id,
        gboolean  as_zero)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *lines = pd_store_review_stocktake (f->store, actor, id, as_zero, &error);

  g_assert_no_error (error);
  g_assert_nonnull (lines);
  return lines;
}

static const PdStocktakeLine *
find_line (GPtrArray *lines,
           gint64     item_id,
           gint64     location_id)
{
  for (guint i = 0; i < lines->len; i++)
    {
      const PdStocktakeLine *line = g_ptr_array_index (lines, i);

      if (line->item_id == item_id && line->location_id == location_id)
        return line;
    }
  g_assert_not_reached ();
  return NULL;
}

static void
assert_stock_agrees (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) differences = pd_store_check_stock (f->store, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (differences->len, ==, 0);
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

/* --- Tests -------------------------------------------------------------------- */

static void
test_snapshot (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(PdStocktake) stocktake = NULL;
  g_autoptr(GArray) items = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 id = start (f, f->loc.z1, FALSE);
  gint64 by_item;
  const PdStocktakeLine *line;

  /* Z1's subtree only: WH2's B-01 is not in it. */
  lines = review (f, f->supervisor, id, FALSE);
  g_assert_cmpuint (lines->len, ==, 4);
  line = find_line (lines, f->sku1, f->loc.a01);
  g_assert_true (line->has_expected);
  g_assert_cmpint (line->expected, ==, QTY (10));
  g_assert_cmpint (line->moved, ==, 0);
  g_assert_false (line->counted);
  g_assert_false (line->has_difference);
  line = find_line (lines, f->lot1, f->loc.a02);
  g_assert_cmpint (line->expected, ==, 2500000);
  g_assert_cmpstr (line->lot_code, ==, "L1");

  stocktake = pd_store_get_stocktake (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (stocktake->status, ==, PD_STOCKTAKE_OPEN);
  g_assert_cmpint (stocktake->location_id, ==, f->loc.z1);
  g_assert_cmpstr (stocktake->started_by, ==, "supervisor");
  g_assert_cmpuint (stocktake->n_lines, ==, 4);
  g_assert_cmpuint (stocktake->n_counted, ==, 0);

  /* A location outside the scope is refused and writes nothing. */
  g_assert_false (pd_store_count_stocktake (f->store, f->warehouse, id, f->sku1, f->loc.b01, NULL, QTY (1), &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "B-01"));
  g_clear_error (&error);

  /* By item, everywhere: it overlaps Z1's count of every item, which
   * must be closed first. */
  g_assert_true (pd_store_cancel_stocktake (f->store, f->supervisor, id, &error));
  g_assert_no_error (error);
  g_array_append_val (items, f->sku1);
  by_item = pd_store_start_stocktake (f->store, f->admin, 0, items, FALSE, &error);
  g_assert_no_error (error);
  g_clear_pointer (&lines, g_ptr_array_unref);
  lines = review (f, f->admin, by_item, FALSE);
  g_assert_cmpuint (lines->len, ==, 3);
  g_assert_cmpint (find_line (lines, f->sku1, f->loc.b01)->expected, ==, QTY (3));

  /* Counting another item is refused and writes nothing. */
  g_assert_false (pd_store_count_stocktake (f->store, f->warehouse, by_item, f->sku2, f->loc.a01, NULL, QTY (1), &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "SKU-2"));
  g_clear_error (&error);

  list = pd_store_list_stocktakes (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpint (((PdStocktake *) g_ptr_array_index (list, 0))->id, ==, by_item);
  g_assert_cmpuint (((PdStocktake *) g_ptr_array_index (list, 0))->item_ids->len, ==, 1);
  g_assert_cmpint (((PdStocktake *) g_ptr_array_index (list, 0))->n_counted, ==, 0);
}

static void
test_count_recount_found (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(PdStocktake) stocktake = NULL;
  gint64 id = start (f, f->loc.wh1, FALSE);
  const PdStocktakeLine *line;

  count (f, id, f->sku1, f->loc.a01, NULL, QTY (8));
  count (f, id, f->sku1, f->loc.a01, NULL, QTY (9));   /* a recount: the last one counts */
  count (f, id, f->sku2, f->loc.a02, NULL, QTY (2));   /* found: none expected at A-02 */
  count (f, id, f->lot1, f->loc.a02, "L1", 2500000);

  /* Refusals name the field and change nothing. */
  g_assert_false (pd_store_count_stocktake (f->store, f->warehouse, id, f->lot1, f->loc.a02, NULL, QTY (1), &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (pd_store_count_stocktake (f->store, f->warehouse, id, f->lot1, f->loc.a02, "NOPE", QTY (1), &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "NOPE"));
  g_clear_error (&error);
  g_assert_false (pd_store_count_stocktake (f->store, f->warehouse, id, f->sku1, f->loc.a01, NULL, -1, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (pd_store_count_stocktake (f->store, f->warehouse, id + 100, f->sku1, f->loc.a01, NULL, QTY (1), &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_NOT_FOUND);
  g_clear_error (&error);

  lines = review (f, f->supervisor, id, FALSE);
  g_assert_cmpuint (lines->len, ==, 5);
  line = find_line (lines, f->sku1, f->loc.a01);
  g_assert_true (line->counted);
  g_assert_cmpuint (line->n_counts, ==, 2);
  g_assert_cmpint (line->counted_qty, ==, QTY (9));
  g_assert_true (line->has_difference);
  g_assert_cmpint (line->difference, ==, -QTY (1));
  line = find_line (lines, f->sku2, f->loc.a02);
  g_assert_true (line->found);
  g_assert_cmpint (line->expected, ==, 0);
  g_assert_cmpint (line->difference, ==, QTY (2));
  line = find_line (lines, f->lot1, f->loc.a02);
  g_assert_cmpint (line->difference, ==, 0);
  line = find_line (lines, f->sku1, f->loc.a02);
  g_assert_false (line->counted);
  g_assert_false (line->has_difference);

  stocktake = pd_store_get_stocktake (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stocktake->n_lines, ==, 5);
  g_assert_cmpuint (stocktake->n_counted, ==, 3);

  /* Treated as zero only when asked. */
  g_clear_pointer (&lines, g_ptr_array_unref);
  lines = review (f, f->supervisor, id, TRUE);
  line = find_line (lines, f->sku1, f->loc.a02);
  g_assert_true (line->has_difference);
  g_assert_cmpint (line->difference, ==, -QTY (4));
}

/* Stock received during the count is on the shelf when people count: the
 * count includes it, and posting must not take it away again. */
static void
test_moves_during_count (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GPtrArray) ledger = NULL;
  gint64 id = start (f, f->loc.wh1, FALSE);
  const PdStocktakeLine *line;
  guint n = 99;

  post (f, f->warehouse, PD_MOVE_RECEIPT, f->sku1, 0, f->loc.a01, QTY (5), NULL);     /* 10 → 15 */
  post (f, f->warehouse, PD_MOVE_TRANSFER, f->sku1, f->loc.a02, f->loc.a01, QTY (1), NULL);  /* a01 16, a02 3 */
  post (f, f->warehouse, PD_MOVE_RECEIPT, f->sku2, 0, f->loc.a02, QTY (6), NULL);     /* not in the snapshot */
  post (f, f->warehouse, PD_MOVE_ISSUE, f->sku2, f->loc.a01, 0, QTY (2), NULL);       /* 7 → 5 */

  count (f, id, f->sku1, f->loc.a01, NULL, QTY (16));   /* includes the 5 and the 1: no difference */
  count (f, id, f->sku1, f->loc.a02, NULL, QTY (2));    /* one short */
  count (f, id, f->sku2, f->loc.a02, NULL, QTY (6));    /* found, but it was received: no difference */
  count (f, id, f->sku2, f->loc.a01, NULL, QTY (5));

  lines = review (f, f->supervisor, id, FALSE);
  line = find_line (lines, f->sku1, f->loc.a01);
  g_assert_cmpint (line->expected, ==, QTY (10));
  g_assert_cmpint (line->moved, ==, QTY (6));
  g_assert_cmpint (line->difference, ==, 0);
  line = find_line (lines, f->sku1, f->loc.a02);
  g_assert_cmpint (line->moved, ==, -QTY (1));
  g_assert_cmpint (line->difference, ==, -QTY (1));
  line = find_line (lines, f->sku2, f->loc.a02);
  g_assert_cmpint (line->expected, ==, 0);
  g_assert_cmpint (line->moved, ==, QTY (6));
  g_assert_cmpint (line->difference, ==, 0);
  g_assert_cmpint (find_line (lines, f->sku2, f->loc.a01)->difference, ==, 0);

  /* Three leave A-01 after it was counted: the count of 16 did not see
   * them, and posting must not put them back. */
  post (f, f->warehouse, PD_MOVE_ISSUE, f->sku1, f->loc.a01, 0, QTY (3), NULL);  /* 16 → 13 */
  /* One more arrives at A-02 after its count: it stays on top of the count. */
  post (f, f->warehouse, PD_MOVE_RECEIPT, f->sku1, 0, f->loc.a02, QTY (1), NULL);  /* 3 → 4 */
  g_clear_pointer (&lines, g_ptr_array_unref);
  lines = review (f, f->supervisor, id, FALSE);
  line = find_line (lines, f->sku1, f->loc.a01);
  g_assert_cmpint (line->moved, ==, QTY (6));
  g_assert_cmpint (line->difference, ==, 0);
  g_assert_cmpint (find_line (lines, f->sku1, f->loc.a02)->difference, ==, -QTY (1));

  g_assert_true (pd_store_post_stocktake (f->store, f->supervisor, id, FALSE, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 1);   /* only sku1 at A-02, one short */

  g_assert_cmpint (on_hand (f, f->sku1, f->loc.a02), ==, QTY (3));   /* counted 2, plus the 1 after */
  g_assert_cmpint (on_hand (f, f->sku1, f->loc.a01), ==, QTY (13));
  g_assert_cmpint (on_hand (f, f->sku2, f->loc.a02), ==, QTY (6));
  g_assert_cmpint (on_hand (f, f->lot1, f->loc.a02), ==, 2500000);   /* not counted: left alone */
  assert_stock_agrees (f);

  ledger = pd_store_list_moves (f->store, 0, 0, 1, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < ledger->len; i++)
    {
      PdStockMove *move = g_ptr_array_index (ledger, i);
      g_autofree char *ref = g_strdup_printf ("stocktake %" G_GINT64_FORMAT, id);

      g_assert_cmpint (move->reason, ==, PD_MOVE_ADJUSTMENT);
      g_assert_cmpstr (move->ref, ==, ref);
      g_assert_cmpstr (move->user_name, ==, "supervisor");
    }
}

/* A recount after a move sees the move: the last count's place in the
 * ledger counts, not the first one's. */
static void
test_recount_after_move (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  gint64 id = start (f, f->loc.a01, FALSE);
  const PdStocktakeLine *line;
  guint n = 99;

  count (f, id, f->sku1, f->loc.a01, NULL, QTY (10));
  post (f, f->warehouse, PD_MOVE_RECEIPT, f->sku1, 0, f->loc.a01, QTY (5), NULL);
  count (f, id, f->sku1, f->loc.a01, NULL, QTY (14));   /* sees the 5: one short */

  lines = review (f, f->supervisor, id, FALSE);
  line = find_line (lines, f->sku1, f->loc.a01);
  g_assert_cmpint (line->moved, ==, QTY (5));
  g_assert_cmpint (line->difference, ==, -QTY (1));

  g_assert_true (pd_store_post_stocktake (f->store, f->supervisor, id, FALSE, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpint (on_hand (f, f->sku1, f->loc.a01), ==, QTY (14));
  assert_stock_agrees (f);
}

static void
test_post_uncounted_as_zero_and_twice (Fixture       *f,
                                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdStocktake) stocktake = NULL;
  gint64 id = start (f, f->loc.z1, FALSE);
  gint64 cancelled = start (f, f->loc.wh2, FALSE);
  guint n = 0;

  count (f, id, f->sku1, f->loc.a01, NULL, QTY (10));
  g_assert_true (pd_store_post_stocktake (f->store, f->admin, id, TRUE, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 3);   /* sku1 a02, sku2 a01, lot1 a02 go to 0 */
  g_assert_cmpint (on_hand (f, f->sku1, f->loc.z1), ==, QTY (10));
  g_assert_cmpint (on_hand (f, f->sku2, 0), ==, 0);
  g_assert_cmpint (on_hand (f, f->lot1, 0), ==, 0);
  g_assert_cmpint (on_hand (f, f->sku1, f->loc.b01), ==, QTY (3));
  assert_stock_agrees (f);

  stocktake = pd_store_get_stocktake (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (stocktake->status, ==, PD_STOCKTAKE_POSTED);
  g_assert_cmpstr (stocktake->posted_by, ==, "admin");
  g_assert_nonnull (stocktake->posted_at);

  /* Twice: refused, nothing more moves; counting a posted one too. */
  g_assert_false (pd_store_post_stocktake (f->store, f->admin, id, TRUE, &n, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (pd_store_count_stocktake (f->store, f->warehouse, id, f->sku1, f->loc.a01, NULL, QTY (1), &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (on_hand (f, f->sku1, f->loc.z1), ==, QTY (10));

  /* Cancelled: nothing adjusted, not postable. */
  count (f, cancelled, f->sku1, f->loc.b01, NULL, QTY (1));
  g_assert_true (pd_store_cancel_stocktake (f->store, f->supervisor, cancelled, &error));
  g_assert_no_error (error);
  g_assert_false (pd_store_post_stocktake (f->store, f->supervisor, cancelled, FALSE, NULL, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (pd_store_cancel_stocktake (f->store, f->supervisor, cancelled, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (on_hand (f, f->sku1, f->loc.b01), ==, QTY (3));
}

static void
test_blind (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GPtrArray) hidden = NULL;
  g_autoptr(GPtrArray) shown = NULL;
  gint64 id = start (f, f->loc.z1, TRUE);
  gint64 open_id = start (f, f->loc.wh2, FALSE);
  const PdStocktakeLine *line;

  count (f, id, f->sku1, f->loc.a01, NULL, QTY (9));

  hidden = review (f, f->warehouse, id, FALSE);
  line = find_line (hidden, f->sku1, f->loc.a01);
  g_assert_false (line->has_expected);
  g_assert_cmpint (line->expected, ==, 0);
  g_assert_cmpint (line->moved, ==, 0);
  g_assert_false (line->has_difference);
  g_assert_true (line->counted);
  g_assert_cmpint (line->counted_qty, ==, QTY (9));

  shown = review (f, f->supervisor, id, FALSE);
  line = find_line (shown, f->sku1, f->loc.a01);
  g_assert_true (line->has_expected);
  g_assert_cmpint (line->expected, ==, QTY (10));
  g_assert_cmpint (line->difference, ==, -QTY (1));

  /* A stocktake that is not blind shows everything to everyone. */
  g_clear_pointer (&hidden, g_ptr_array_unref);
  hidden = review (f, f->warehouse, open_id, FALSE);
  g_assert_true (find_line (hidden, f->sku1, f->loc.b01)->has_expected);
}

/* Starts a stocktake of LOCATION_ID (0: every location) limited to the
 * items in the 0-ended list (none: every item); the id, or 0 and ERROR. */
static gint64
try_start (Fixture  *f,
           gint64    location_id,
           GError  **error,
           ...)
{
  g_autoptr(GArray) items = g_array_new (FALSE, FALSE, sizeof (gint64));
  va_list ap;
  gint64 item_id;

  va_start (ap, error);
  while ((item_id = va_arg (ap, gint64)) != 0)
    g_array_append_val (items, item_id);
  va_end (ap);

  return pd_store_start_stocktake (f->store, f->supervisor, location_id,
                                   items->len > 0 ? items : NULL, FALSE, error);
}

static guint
n_stocktakes (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = pd_store_list_stocktakes (f->store, &error);

  g_assert_no_error (error);
  return list->len;
}

/* The open stocktake's id in the message, and nothing written. */
static void
assert_overlap_refused (Fixture *f,
                        gint64   open_id,
                        gint64   id,
                        GError  *error)
{
  g_autofree char *named = g_strdup_printf ("Stocktake %" G_GINT64_FORMAT " ", open_id);

  g_assert_cmpint (id, ==, 0);
  g_assert_error (error, PD_ERROR, PD_ERROR_EXISTS);
  g_assert_nonnull (strstr (error->message, named));
}

static void
test_overlap (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 zone = start (f, f->loc.z1, FALSE);
  gint64 id, other, by_item, by_other_item;
  guint before;

  before = n_stocktakes (f);

  /* The same subtree, a parent and a child of it, every location. */
  id = try_start (f, f->loc.z1, &error, (gint64) 0);
  assert_overlap_refused (f, zone, id, error);
  g_clear_error (&error);
  id = try_start (f, f->loc.wh1, &error, (gint64) 0);
  assert_overlap_refused (f, zone, id, error);
  g_clear_error (&error);
  id = try_start (f, f->loc.a01, &error, (gint64) 0);
  assert_overlap_refused (f, zone, id, error);
  g_clear_error (&error);
  id = try_start (f, 0, &error, (gint64) 0);
  assert_overlap_refused (f, zone, id, error);
  g_clear_error (&error);
  /* Z1 counts every item, so one item in it overlaps too. */
  id = try_start (f, f->loc.a02, &error, f->sku2, (gint64) 0);
  assert_overlap_refused (f, zone, id, error);
  g_clear_error (&error);
  id = try_start (f, 0, &error, f->lot1, (gint64) 0);
  assert_overlap_refused (f, zone, id, error);
  g_clear_error (&error);
  g_assert_cmpuint (n_stocktakes (f), ==, before);
  assert_stock_agrees (f);

  /* Another warehouse is another subtree. */
  other = try_start (f, f->loc.wh2, &error, (gint64) 0);
  g_assert_no_error (error);
  g_assert_cmpint (other, >, 0);

  /* Once Z1's is closed, items that do not meet may be counted side by
   * side in one bin; a third with one of them is refused, naming it. */
  g_assert_true (pd_store_cancel_stocktake (f->store, f->supervisor, zone, &error));
  g_assert_no_error (error);
  by_item = try_start (f, f->loc.a01, &error, f->sku1, (gint64) 0);
  g_assert_no_error (error);
  g_assert_cmpint (by_item, >, 0);
  by_other_item = try_start (f, f->loc.z1, &error, f->sku2, f->lot1, (gint64) 0);
  g_assert_no_error (error);
  g_assert_cmpint (by_other_item, >, 0);
  id = try_start (f, f->loc.wh1, &error, f->lot1, f->sku1, (gint64) 0);
  assert_overlap_refused (f, by_item, id, error);
  g_clear_error (&error);
  /* Every location overlaps WH2's count of every item. */
  id = try_start (f, 0, &error, f->sku2, (gint64) 0);
  assert_overlap_refused (f, other, id, error);
  g_clear_error (&error);

  /* Posted, a stocktake no longer stands in the way. */
  g_assert_true (pd_store_post_stocktake (f->store, f->supervisor, by_item, TRUE, NULL, &error));
  g_assert_no_error (error);
  id = try_start (f, f->loc.a01, &error, f->sku1, (gint64) 0);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
}

static void
test_permissions (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 id;

  /* Warehouse staff count but neither start nor post. */
  g_assert_cmpint (pd_store_start_stocktake (f->store, f->warehouse, 0, NULL, FALSE, &error), ==, 0);
  g_assert_error (error, PD_ERROR, PD_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);

  id = start (f, 0, FALSE);
  g_assert_false (pd_store_count_stocktake (f->store, f->operator, id, f->sku1, f->loc.a01, NULL, QTY (1), &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  count (f, id, f->sku1, f->loc.a01, NULL, QTY (1));

  g_assert_false (pd_store_post_stocktake (f->store, f->warehouse, id, FALSE, NULL, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  g_assert_false (pd_store_cancel_stocktake (f->store, f->warehouse, id, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  g_assert_cmpint (on_hand (f, f->sku1, f->loc.a01), ==, QTY (10));

  g_assert_true (pd_store_post_stocktake (f->store, f->supervisor, id, FALSE, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (on_hand (f, f->sku1, f->loc.a01), ==, QTY (1));
  assert_stock_agrees (f);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/core/wms/stocktake/snapshot", test_snapshot);
  ADD ("/core/wms/stocktake/count-recount-found", test_count_recount_found);
  ADD ("/core/wms/stocktake/moves-during-count", test_moves_during_count);
  ADD ("/core/wms/stocktake/recount-after-move", test_recount_after_move);
  ADD ("/core/wms/stocktake/post-uncounted-as-zero-twice-cancel", test_post_uncounted_as_zero_and_twice);
  ADD ("/core/wms/stocktake/blind", test_blind);
  ADD ("/core/wms/stocktake/permissions", test_permissions);
  ADD ("/core/wms/stocktake/overlap", test_overlap);
#undef ADD

  ret = g_test_run ();
  pd_test_populated_template_free ();
  return ret;
}
