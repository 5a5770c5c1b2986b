/* test-wo-material.c — material and finished goods of work orders through
 * the warehouse's ledger: the shortage check at release, picking at start,
 * backflush on reports (by hand and by the machine), lots oldest first,
 * finished goods into a lot named after the order, `stock check`, and a
 * rebuild that moves nothing twice
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "pd-test-utils.h"

typedef struct
{
  char            *dir;
  PdStore         *store;
  PdUser          *admin;
  PdUser          *supervisor;
  PdUser          *operator;
  PdTestLocations  loc;
  gint64           p, bf, pk, lt;   /* product, backflushed, picked, lot-tracked backflushed */
  guint            stock_changed;
} Fixture;

static void
add_work_center (Fixture    *f,
                 const char *code,
                 const char *from,
                 const char *to)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdWorkCenter) wc = pd_work_center_new ();
  PdShift shift = { 0, };

  wc->code = g_strdup (code);
  wc->name = g_strdup_printf ("Work center %s", code);
  wc->from_location = g_strdup (from);
  wc->to_location = g_strdup (to);
  g_assert_true (pd_shift_parse ("mon-fri:06:00-14:00", &shift, &error));
  pd_work_center_add_shift (wc, &shift);
  pd_shift_clear (&shift);
  g_assert_true (pd_store_add_work_center (f->store, f->supervisor, wc, &error));
  g_assert_no_error (error);
}

static void
set_routing (Fixture    *f,
             const char *product)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdRouting) routing = pd_routing_new ();

  routing->product_sku = g_strdup (product);
  g_ptr_array_add (routing->ops, pd_routing_op_new (10, "WC1", 0, 30 * G_USEC_PER_SEC));
  g_ptr_array_add (routing->ops, pd_routing_op_new (20, "WC2", 0, 45 * G_USEC_PER_SEC));
  g_assert_true (pd_store_set_routing (f->store, f->supervisor, routing, &error));
  g_assert_no_error (error);
}

static void
stock_changed_cb (PdStore *store,
                  Fixture *f)
{
  f->stock_changed++;
}

/* P (lot-tracked) is made on WC1 (material from zone Z1)
 * then WC2 (goods into B-01), of BF 2 per unit with 10 % scrap
 * (backflushed), PK 0.5 per unit (picked at start) and LT 1 per unit
 * (lot-tracked, backflushed). */
static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdBom) bom = pd_bom_new ();

  f->store = pd_test_store_open_populated (&f->dir);
  f->admin = pd_test_login (f->store, "admin");
  f->supervisor = pd_test_login (f->store, "supervisor");
  f->operator = pd_test_login (f->store, "operator");

  pd_test_add_warehouses (f->store, f->admin, NULL, &f->loc);
  f->p = pd_test_add_item (f->store, f->admin, "P", "pcs", NULL, TRUE);
  f->bf = pd_test_add_item (f->store, f->admin, "BF", "kg", NULL, FALSE);
  f->pk = pd_test_add_item (f->store, f->admin, "PK", "pcs", NULL, FALSE);
  f->lt = pd_test_add_item (f->store, f->admin, "LT", "pcs", NULL, TRUE);
  pd_test_add_item (f->store, f->admin, "PLAIN", "pcs", NULL, FALSE);
  add_work_center (f, "WC1", "Z1", NULL);
  add_work_center (f, "WC2", NULL, "B-01");
  set_routing (f, "P");
  set_routing (f, "PLAIN");

  bom->product_sku = g_strdup ("P");
  g_ptr_array_add (bom->lines, pd_bom_line_new ("BF", 2 * PD_QTY_ONE, 10 * PD_QTY_ONE, TRUE));
  g_ptr_array_add (bom->lines, pd_bom_line_new ("PK", PD_QTY_ONE / 2, 0, FALSE));
  g_ptr_array_add (bom->lines, pd_bom_line_new ("LT", PD_QTY_ONE, 0, TRUE));
  g_assert_true (pd_store_set_bom (f->store, f->supervisor, bom, &error));
  g_assert_no_error (error);

  g_signal_connect (f->store, "stock-changed", G_CALLBACK (stock_changed_cb), f);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_signal_handlers_disconnect_by_data (f->store, f);
  g_clear_object (&f->admin);
  g_clear_object (&f->supervisor);
  g_clear_object (&f->operator);
  g_assert_finalize_object (f->store);
  pd_test_data_dir_free (f->dir);
}

/* --- Helpers ------------------------------------------------------------------ */

static char *
create (Fixture    *f,
        const char *product,
        const char *qty)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdWorkOrder) wo = pd_work_order_new ();

  wo->product_sku = g_strdup (product);
  wo->qty = pd_test_qty (qty);
  wo->due = g_strdup ("2099-01-01T12:00:00Z");
  g_assert_true (pd_store_create_work_order (f->store, f->supervisor, wo, NULL, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&wo->number);
}

static void
receive (Fixture    *f,
         gint64      item,
         const char *lot,
         gint64      location,
         const char *qty)
{
  pd_test_post_move (f->store, f->admin, item, lot, 0, location, pd_test_qty (qty), PD_MOVE_RECEIPT);
}

static PdQty
on_hand (Fixture *f,
         gint64   item,
         gint64   location)
{
  g_autoptr(GError) error = NULL;
  PdQty qty = pd_store_get_on_hand (f->store, item, location, &error);

  g_assert_no_error (error);
  return qty;
}

/* On hand of ITEM's lot LOT at LOCATION (exactly there). */
static PdQty
lot_on_hand (Fixture    *f,
             gint64      item,
             const char *lot,
             gint64      location)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) levels = pd_store_list_stock_levels (f->store, item, location, &error);
  PdQty qty = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < levels->len; i++)
    {
      const PdStockLevel *level = g_ptr_array_index (levels, i);

      if (level->location_id == location && g_strcmp0 (level->lot_code, lot) == 0)
        qty += level->qty;
    }
  return qty;
}

static PdWoStatus
wo_status (Fixture    *f,
           const char *number)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdWorkOrder) wo = pd_store_find_work_order (f->store, number, &error);

  g_assert_no_error (error);
  return wo->status;
}

/* released → scheduled → issued. */
static void
schedule_and_issue (Fixture    *f,
                    const char *number)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (pd_store_work_order_action (f->store, f->supervisor, number, PD_WO_ACTION_SCHEDULE, 0, &error));
  g_assert_true (pd_store_issue_work_order (f->store, f->supervisor, number, &error));
  g_assert_no_error (error);
}

/* The moves of NUMBER as "REASON SKU QTY FROM→TO [LOT]" lines. */
static char *
moves_text (Fixture    *f,
            const char *number)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) moves = pd_store_list_work_order_moves (f->store, number, &error);
  GString *s = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < moves->len; i++)
    {
      const PdStockMove *m = g_ptr_array_index (moves, i);
      g_autofree char *qty = pd_qty_to_string (m->qty);

      g_assert_cmpstr (m->ref, ==, number);
      g_string_append_printf (s, "%s %s %s %s>%s%s%s\n", pd_move_reason_to_string (m->reason), m->sku, qty,
                              m->from_code != NULL ? m->from_code : "", m->to_code != NULL ? m->to_code : "",
                              m->lot_code != NULL ? " " : "", m->lot_code != NULL ? m->lot_code : "");
    }
  return g_string_free (s, FALSE);
}

/* --- The whole way ---------------------------------------------------------- */

static void
test_flow (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *number = create (f, "P", "10");
  g_autoptr(GPtrArray) shortages = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *text = NULL;
  g_autofree char *fg_lot = NULL;
  const PdWoShortage *s;
  gint64 n_moves, n_events;
  guint before;

  /* BF needs 2 × 10 × 1.1 = 22, PK 5, LT 10. PK is short. */
  receive (f, f->bf, NULL, f->loc.a01, "30");
  receive (f, f->pk, NULL, f->loc.a02, "2");
  receive (f, f->lt, "L1", f->loc.a01, "4");     /* the older lot */
  receive (f, f->lt, "L2", f->loc.a02, "20");
  receive (f, f->pk, NULL, f->loc.b01, "50");    /* not under the source */

  g_assert_true (pd_store_list_work_order_shortages (f->store, number, &shortages, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (shortages->len, ==, 1);
  s = g_ptr_array_index (shortages, 0);
  g_assert_cmpstr (s->sku, ==, "PK");
  g_assert_cmpstr (s->location, ==, "Z1");
  g_assert_false (s->backflush);
  pd_test_assert_qty (s->needed, "5");
  pd_test_assert_qty (s->on_hand, "2");
  pd_test_assert_qty (s->missing, "3");
  g_clear_pointer (&shortages, g_ptr_array_unref);

  n_moves = pd_test_count_rows (f->store, "stock_moves");
  n_events = pd_test_count_rows (f->store, "wo_events");
  before = f->stock_changed;
  g_assert_false (pd_store_release_work_order (f->store, f->supervisor, number, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INSUFFICIENT);
  g_assert_nonnull (strstr (error->message, number));
  g_assert_nonnull (strstr (error->message, "Z1"));
  {
    g_autofree char *line = g_strdup_printf (_("%s: needed %s %s, on hand %s, missing %s"),
                                             "PK", "5", "pcs", "2", "3");

    g_assert_nonnull (strstr (error->message, line));
    g_assert_null (strstr (error->message, "BF:"));
  }
  g_clear_error (&error);
  g_assert_cmpint (wo_status (f, number), ==, PD_WO_DRAFT);
  g_assert_cmpint (pd_test_count_rows (f->store, "stock_moves"), ==, n_moves);
  g_assert_cmpint (pd_test_count_rows (f->store, "wo_events"), ==, n_events);
  g_assert_cmpuint (f->stock_changed, ==, before);

  /* More PK: released, nothing moves yet. */
  receive (f, f->pk, NULL, f->loc.a01, "4");
  g_assert_true (pd_store_list_work_order_shortages (f->store, number, &shortages, &error));
  g_assert_cmpuint (shortages->len, ==, 0);
  g_clear_pointer (&shortages, g_ptr_array_unref);
  n_moves = pd_test_count_rows (f->store, "stock_moves");
  g_assert_true (pd_store_release_work_order (f->store, f->supervisor, number, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pd_test_count_rows (f->store, "stock_moves"), ==, n_moves);
  schedule_and_issue (f, number);

  /* Someone takes 2 PK meanwhile: the start is refused, nothing changes. */
  pd_test_post_move (f->store, f->admin, f->pk, NULL, f->loc.a01, 0, pd_test_qty ("2"), PD_MOVE_ISSUE);
  n_moves = pd_test_count_rows (f->store, "stock_moves");
  g_assert_false (pd_store_start_operation (f->store, f->operator, number, 10, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INSUFFICIENT);
  {
    g_autofree char *line = g_strdup_printf (_("%s: needed %s %s, on hand %s, missing %s"),
                                             "PK", "5", "pcs", "4", "1");

    g_assert_nonnull (strstr (error->message, line));
  }
  g_clear_error (&error);
  g_assert_cmpint (pd_test_count_rows (f->store, "stock_moves"), ==, n_moves);
  g_assert_cmpint (wo_status (f, number), ==, PD_WO_ISSUED);

  /* Start: PK picked in full, A-01 before A-02; nothing backflushed. */
  receive (f, f->pk, NULL, f->loc.a01, "1");
  before = f->stock_changed;
  g_assert_true (pd_store_start_operation (f->store, f->operator, number, 10, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->stock_changed, ==, before + 1);
  pd_test_assert_qty (on_hand (f, f->pk, f->loc.z1), "0");
  pd_test_assert_qty (on_hand (f, f->pk, f->loc.b01), "50");
  pd_test_assert_qty (on_hand (f, f->bf, f->loc.z1), "30");
  text = moves_text (f, number);
  g_assert_cmpstr (text, ==, "issue PK 3 A-01>\nissue PK 2 A-02>\n");
  g_clear_pointer (&text, g_free);

  /* A report of 4 good and 1 scrap backflushes 5 parts: BF 11, LT 5
   * (all 4 of lot L1, then 1 of L2). */
  g_assert_true (pd_store_report_operation (f->store, f->operator, number, 10, pd_test_qty ("4"),
                                            pd_test_qty ("1"), PD_SCRAP_MATERIAL, NULL, &error));
  g_assert_no_error (error);
  pd_test_assert_qty (on_hand (f, f->bf, f->loc.a01), "19");
  pd_test_assert_qty (lot_on_hand (f, f->lt, "L1", f->loc.a01), "0");
  pd_test_assert_qty (lot_on_hand (f, f->lt, "L2", f->loc.a02), "19");

  /* The machine counts 5 more: a system write backflushes the same way. */
  g_assert_true (pd_store_report_operation (f->store, NULL, number, 10, pd_test_qty ("5"), 0,
                                            PD_SCRAP_OTHER, "machine", &error));
  g_assert_no_error (error);
  pd_test_assert_qty (on_hand (f, f->bf, f->loc.a01), "8");
  pd_test_assert_qty (lot_on_hand (f, f->lt, "L2", f->loc.a02), "14");

  g_assert_true (pd_store_complete_operation (f->store, f->operator, number, 10, &error));
  g_assert_true (pd_store_start_operation (f->store, f->operator, number, 20, &error));
  g_assert_no_error (error);

  /* Finished goods on the last operation, into lot = the order's number;
   * a machine report receives too. Scrap alone receives nothing. */
  g_assert_true (pd_store_report_operation (f->store, f->operator, number, 20, pd_test_qty ("8"), 0,
                                            PD_SCRAP_OTHER, NULL, &error));
  g_assert_true (pd_store_report_operation (f->store, f->operator, number, 20, 0, pd_test_qty ("1"),
                                            PD_SCRAP_MACHINE, NULL, &error));
  g_assert_true (pd_store_report_operation (f->store, NULL, number, 20, pd_test_qty ("1"), 0,
                                            PD_SCRAP_OTHER, "machine", &error));
  g_assert_no_error (error);
  pd_test_assert_qty (lot_on_hand (f, f->p, number, f->loc.b01), "9");
  /* Operation 10 consumed nothing more on the reports of operation 20. */
  pd_test_assert_qty (on_hand (f, f->bf, f->loc.a01), "8");

  /* The ledger names the order on every move, in order. */
  fg_lot = g_strdup_printf ("%s", number);
  expected = g_strdup_printf ("issue PK 3 A-01>\n"
                              "issue PK 2 A-02>\n"
                              "issue BF 11 A-01>\n"
                              "issue LT 4 A-01> L1\n"
                              "issue LT 1 A-02> L2\n"
                              "issue BF 11 A-01>\n"
                              "issue LT 5 A-02> L2\n"
                              "receipt P 8 >B-01 %s\n"
                              "receipt P 1 >B-01 %s\n", fg_lot, fg_lot);
  text = moves_text (f, number);
  g_assert_cmpstr (text, ==, expected);
  g_clear_pointer (&text, g_free);
  g_assert_cmpint (pd_test_query_int (f->store, "SELECT count (*) FROM stock_moves WHERE user_name IS NULL"), ==, 3);
  /* The events carry the moves they made. */
  g_assert_cmpint (pd_test_query_int (f->store,
                                      "SELECT count (*) FROM wo_events WHERE json_array_length (payload, '$.moves') > 0"),
                   ==, 5);
  pd_test_assert_stock_agrees (f->store);

  /* Rebuilding the orders' state moves nothing again. */
  n_moves = pd_test_count_rows (f->store, "stock_moves");
  g_assert_true (pd_store_rebuild_work_orders (f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pd_test_count_rows (f->store, "stock_moves"), ==, n_moves);
  pd_test_assert_qty (on_hand (f, f->bf, f->loc.a01), "8");
  pd_test_assert_qty (lot_on_hand (f, f->p, number, f->loc.b01), "9");
  g_assert_cmpint (wo_status (f, number), ==, PD_WO_IN_PROGRESS);
  pd_test_assert_stock_agrees (f->store);
}

/* --- Refusals ----------------------------------------------------------------- */

static void
test_locations_refused (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *number = create (f, "P", "1");
  g_autoptr(PdWorkCenter) wc1 = pd_store_find_work_center (f->store, "WC1", &error);
  g_autoptr(PdWorkCenter) wc2 = pd_store_find_work_center (f->store, "WC2", &error);
  g_autoptr(GPtrArray) shortages = NULL;
  gint64 n_events = pd_test_count_rows (f->store, "wo_events");

  receive (f, f->bf, NULL, f->loc.a01, "100");
  receive (f, f->pk, NULL, f->loc.a01, "100");
  receive (f, f->lt, "L1", f->loc.a01, "100");

  /* No target location on the last work center. */
  g_clear_pointer (&wc2->to_location, g_free);
  g_assert_true (pd_store_update_work_center (f->store, f->supervisor, wc2, &error));
  g_assert_false (pd_store_release_work_order (f->store, f->supervisor, number, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "WC2"));
  g_assert_nonnull (strstr (error->message, number));
  g_clear_error (&error);

  /* No source location on the first. */
  g_clear_pointer (&wc1->from_location, g_free);
  g_assert_true (pd_store_update_work_center (f->store, f->supervisor, wc1, &error));
  g_assert_false (pd_store_release_work_order (f->store, f->supervisor, number, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "WC1"));
  g_clear_error (&error);
  g_assert_false (pd_store_list_work_order_shortages (f->store, number, &shortages, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "WC1"));
  g_assert_null (shortages);
  g_clear_error (&error);

  g_assert_cmpint (wo_status (f, number), ==, PD_WO_DRAFT);
  g_assert_cmpint (pd_test_count_rows (f->store, "wo_events"), ==, n_events);

  g_assert_false (pd_store_list_work_order_shortages (f->store, "WO-999999", &shortages, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_NOT_FOUND);
}

/* A backflush that finds too little refuses the report, the machine's
 * too; nothing is reported or moved. */
static void
test_backflush_short (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *number = create (f, "P", "10");
  g_autoptr(PdWorkOrder) wo = NULL;
  gint64 n_moves;

  receive (f, f->bf, NULL, f->loc.a01, "22");
  receive (f, f->pk, NULL, f->loc.a01, "5");
  receive (f, f->lt, "L1", f->loc.a01, "10");
  g_assert_true (pd_store_release_work_order (f->store, f->supervisor, number, &error));
  g_assert_no_error (error);
  schedule_and_issue (f, number);
  g_assert_true (pd_store_start_operation (f->store, f->operator, number, 10, &error));
  g_assert_no_error (error);

  /* BF goes elsewhere: 2.2 per part is left for 1 part. */
  pd_test_post_move (f->store, f->admin, f->bf, NULL, f->loc.a01, 0, pd_test_qty ("19.8"), PD_MOVE_ISSUE);
  n_moves = pd_test_count_rows (f->store, "stock_moves");
  g_assert_false (pd_store_report_operation (f->store, NULL, number, 10, pd_test_qty ("2"), 0,
                                             PD_SCRAP_OTHER, "machine", &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INSUFFICIENT);
  {
    g_autofree char *line = g_strdup_printf (_("%s: needed %s %s, on hand %s, missing %s"),
                                             "BF", "4.4", "kg", "2.2", "2.2");

    g_assert_nonnull (strstr (error->message, line));
  }
  g_clear_error (&error);
  g_assert_cmpint (pd_test_count_rows (f->store, "stock_moves"), ==, n_moves);
  wo = pd_store_find_work_order (f->store, number, &error);
  pd_test_assert_qty (pd_work_order_get_operation (wo, 10)->good, "0");

  g_assert_true (pd_store_report_operation (f->store, NULL, number, 10, pd_test_qty ("1"), 0,
                                            PD_SCRAP_OTHER, "machine", &error));
  g_assert_no_error (error);
  pd_test_assert_qty (on_hand (f, f->bf, f->loc.a01), "0");
  pd_test_assert_stock_agrees (f->store);
}

/* Without a BOM nothing is checked or issued; goods are received when the
 * last work center has a target location. */
static void
test_no_bom (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *number = create (f, "PLAIN", "3");
  g_autoptr(GPtrArray) shortages = NULL;
  g_autofree char *text = NULL;
  gint64 plain = 0;

  g_assert_true (pd_store_list_work_order_shortages (f->store, number, &shortages, &error));
  g_assert_cmpuint (shortages->len, ==, 0);
  g_assert_true (pd_store_release_work_order (f->store, f->supervisor, number, &error));
  g_assert_no_error (error);
  schedule_and_issue (f, number);
  g_assert_true (pd_store_start_operation (f->store, f->operator, number, 10, &error));
  g_assert_true (pd_store_report_operation (f->store, f->operator, number, 10, pd_test_qty ("3"), 0,
                                            PD_SCRAP_OTHER, NULL, &error));
  g_assert_true (pd_store_complete_operation (f->store, f->operator, number, 10, &error));
  g_assert_true (pd_store_start_operation (f->store, f->operator, number, 20, &error));
  g_assert_true (pd_store_report_operation (f->store, f->operator, number, 20, pd_test_qty ("3"), 0,
                                            PD_SCRAP_OTHER, NULL, &error));
  g_assert_no_error (error);
  text = moves_text (f, number);
  g_assert_cmpstr (text, ==, "receipt PLAIN 3 >B-01\n");
  plain = pd_test_query_int (f->store, "SELECT id FROM items WHERE sku = 'PLAIN'");
  pd_test_assert_qty (on_hand (f, plain, f->loc.b01), "3");
  pd_test_assert_stock_agrees (f->store);
}

int
main (int   argc,
      char *argv[])
{
  int rc;

  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/wo-material/flow", test_flow);
  ADD ("/wo-material/locations-refused", test_locations_refused);
  ADD ("/wo-material/backflush-short", test_backflush_short);
  ADD ("/wo-material/no-bom", test_no_bom);

  rc = g_test_run ();
  pd_test_populated_template_free ();
  return rc;
}
