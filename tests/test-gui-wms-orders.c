/* test-gui-wms-orders.c — the Warehouse section's orders: the list, a new
 * order, actions by permission, and execution by scanning
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-gui-wms-orders"

#include "config.h"

#include <string.h>

#include "pd-gui-wms-test-utils.h"
#include "pd-store-orders.h"
#include "wms/pd-order-dialog.h"

#define SKU1_BARCODE "4006381333931"

typedef struct
{
  PdGuiFixture    *gui;
  PdUser          *admin;
  PdTestLocations  loc;
  gint64           sku1;
  gint64           sku2;
  gint64           resin;
} Fixture;

/* WH1 → Z1 → and WH2 → B-01; SKU-1 (with a barcode), SKU-2,
 * and RESIN, tracked by lot. */
static Fixture *
fixture_new (void)
{
  Fixture *f = g_new0 (Fixture, 1);

  f->gui = pd_gui_fixture_new (TRUE);
  f->admin = pd_test_login (f->gui->store, "admin");
  pd_test_add_warehouses (f->gui->store, f->admin, NULL, &f->loc);
  f->sku1 = pd_test_add_item (f->gui->store, f->admin, "SKU-1", "pcs", SKU1_BARCODE, FALSE);
  f->sku2 = pd_test_add_item (f->gui->store, f->admin, "SKU-2", "pcs", NULL, FALSE);
  f->resin = pd_test_add_item (f->gui->store, f->admin, "RESIN", "kg", NULL, TRUE);
  return f;
}

static void
fixture_free (Fixture *f)
{
  g_clear_object (&f->admin);
  pd_gui_fixture_free (f->gui);
  g_free (f);
}

/* An order made in the core: LINES are "SKU:QTY[:LOT]". */
static void
create_order (Fixture            *f,
              PdOrderKind         kind,
              const char         *ref,
              gint64              location_id,
              gint64              dest_id,
              guint               tolerance,
              gboolean            release,
              const char * const *lines)
{
  g_autoptr(PdStockOrder) order = pd_test_order_new (kind, ref, location_id, dest_id, tolerance, lines);
  g_autoptr(GError) error = NULL;

  g_assert_true (pd_store_create_order (f->gui->store, f->admin, order, release, &error));
  g_assert_no_error (error);
}

static PdStockOrder *
get_order (Fixture    *f,
           const char *ref)
{
  g_autoptr(GError) error = NULL;
  PdStockOrder *order = pd_store_get_order (f->gui->store, ref, &error);

  g_assert_no_error (error);
  return order;
}

static GPtrArray *
list_moves (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *moves = pd_store_list_moves (f->gui->store, 0, 0, 10000, &error);

  g_assert_no_error (error);
  return moves;
}

static PdOrdersView *
open_orders (Fixture    *f,
             const char *user)
{
  PdWarehousePage *page = pd_gui_open_warehouse (f->gui, user, "orders");
  PdOrdersView *view = _pd_warehouse_page_get_orders_view (page);

  PD_GUI_WAIT_UNTIL (!_pd_orders_view_is_loading (view));
  return view;
}

static PdOrderExecView *
open_exec (PdOrdersView *orders,
           const char   *ref)
{
  PdOrderExecView *view;

  g_assert_true (_pd_orders_view_select (orders, ref));
  g_assert_true (gtk_widget_get_sensitive (_pd_orders_view_get_button (orders, "execute")));
  g_signal_emit_by_name (_pd_orders_view_get_button (orders, "execute"), "clicked");
  view = _pd_orders_view_get_exec_view (orders);
  g_assert_nonnull (view);
  g_assert_cmpstr (pd_order_exec_view_get_ref (view), ==, ref);
  PD_GUI_WAIT_UNTIL (!_pd_order_exec_view_is_busy (view) && _pd_order_exec_view_get_order (view) != NULL);
  return view;
}

static void
scan (PdOrderExecView *view,
      const char      *text)
{
  pd_gui_enter (_pd_order_exec_view_get_entry (view), text);
}

/* Waits for every scan to be answered and the order read again. */
static void
wait_answered (PdOrderExecView *view)
{
  PD_GUI_WAIT_UNTIL (!_pd_order_exec_view_is_busy (view));
}

static const char *
message (PdOrderExecView *view,
         gboolean         expect_ok)
{
  gboolean ok = !expect_ok;
  const char *text = _pd_order_exec_view_get_message (view, &ok);

  g_assert_nonnull (text);
  if (ok != expect_ok)
    g_error ("expected %s, got “%s”", expect_ok ? "success" : "refusal", text);
  return text;
}

/* --- A receipt as fast as a scanner types --------------------------------- */

#define N_PIECES 12

static void
test_receipt_fast (void)
{
  Fixture *f = fixture_new ();
  const char * const lines[] = { "SKU-1:12", "SKU-2:5", "RESIN:2.5", NULL };
  g_autoptr(PdStockOrder) order = NULL;
  g_autoptr(GPtrArray) moves = NULL;
  g_autofree char *progress = NULL;
  PdOrdersView *orders;
  PdOrderExecView *view;
  guint n_scans = 0;

  create_order (f, PD_ORDER_INBOUND, "PO-1", f->loc.wh1, 0, 0, TRUE, lines);

  orders = open_orders (f, "warehouse");
  g_assert_cmpuint (_pd_orders_view_get_n_shown (orders), ==, 1);
  g_assert_cmpstr (_pd_orders_view_get_ref (orders, 0), ==, "PO-1");
  progress = _pd_orders_view_dup_progress (orders, 0);
  g_assert_cmpstr (progress, ==, "0 of 3 lines");
  view = open_exec (orders, "PO-1");
  pd_gui_flush ();
  /* The scanner types into the scan entry (into its text, an inner widget). */
  PD_GUI_WAIT_UNTIL (gtk_root_get_focus (GTK_ROOT (f->gui->window)) != NULL &&
                     gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (f->gui->window)),
                                             GTK_WIDGET (_pd_order_exec_view_get_entry (view))));

  /* A piece a scan for SKU-1, by its barcode; then SKU-2 whole, and the
   * resin whole with the lot it came with: no main loop iteration
   * between scans. */
  gtk_check_button_set_active (_pd_order_exec_view_get_piece_check (view), TRUE);
  for (guint i = 0; i < N_PIECES; i++)
    {
      scan (view, i % 2 == 0 ? "A-01" : "A-02");
      scan (view, SKU1_BARCODE);
      scan (view, "");
      n_scans += 3;
    }
  gtk_check_button_set_active (_pd_order_exec_view_get_piece_check (view), FALSE);
  scan (view, "A-02");
  scan (view, "sku-2");
  scan (view, "");
  scan (view, "A-01");
  scan (view, "RESIN");
  scan (view, "L-9");
  scan (view, "");
  n_scans += 7;
  g_assert_cmpuint (n_scans, >=, 20);
  /* Every scan was taken: the entry is empty. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (_pd_order_exec_view_get_entry (view))), ==, "");

  wait_answered (view);
  g_assert_cmpstr (message (view, TRUE), ==, "Received 2.5 kg of RESIN.");

  /* Every line done, in the core and on the screen. */
  order = get_order (f, "PO-1");
  g_assert_cmpint (order->status, ==, PD_ORDER_DONE);
  for (guint i = 0; i < order->lines->len; i++)
    {
      PdStockOrderLine *line = g_ptr_array_index (order->lines, i);

      g_assert_cmpint (line->done_qty, ==, line->qty);
    }
  PD_GUI_WAIT_UNTIL (_pd_order_exec_view_get_order (view)->status == PD_ORDER_DONE);

  /* The ledger has exactly the moves, in the order scanned (newest first). */
  moves = list_moves (f);
  g_assert_cmpuint (moves->len, ==, N_PIECES + 2);
  for (guint i = 0; i < N_PIECES; i++)
    {
      PdStockMove *move = g_ptr_array_index (moves, moves->len - 1 - i);

      g_assert_cmpint (move->reason, ==, PD_MOVE_RECEIPT);
      g_assert_cmpint (move->item_id, ==, f->sku1);
      g_assert_cmpint (move->to_location, ==, i % 2 == 0 ? f->loc.a01 : f->loc.a02);
      g_assert_cmpint (move->qty, ==, PD_QTY_ONE);
      g_assert_cmpstr (move->ref, ==, "PO-1");
      g_assert_cmpstr (move->user_name, ==, "warehouse");
    }
  g_assert_cmpint (((PdStockMove *) g_ptr_array_index (moves, 1))->item_id, ==, f->sku2);
  g_assert_cmpint (((PdStockMove *) g_ptr_array_index (moves, 1))->qty, ==, 5 * PD_QTY_ONE);
  g_assert_cmpint (((PdStockMove *) g_ptr_array_index (moves, 0))->item_id, ==, f->resin);
  g_assert_cmpint (((PdStockMove *) g_ptr_array_index (moves, 0))->qty, ==, 5 * PD_QTY_ONE / 2);
  g_assert_cmpstr (((PdStockMove *) g_ptr_array_index (moves, 0))->lot_code, ==, "L-9");
  pd_test_assert_stock_agrees (f->gui->store);

  /* Back to the list, which shows the order done. */
  g_signal_emit_by_name (view, "back");
  PD_GUI_WAIT_UNTIL (!_pd_orders_view_is_loading (orders) && _pd_orders_view_get_n_shown (orders) == 1);
  g_clear_pointer (&progress, g_free);
  progress = _pd_orders_view_dup_progress (orders, 0);
  g_assert_cmpstr (progress, ==, "3 of 3 lines");
  g_assert_null (_pd_orders_view_get_exec_view (orders));

  fixture_free (f);
}

/* --- Refusals and closing short ------------------------------------------- */

static void
test_refused_and_close_short (void)
{
  Fixture *f = fixture_new ();
  const char * const lines[] = { "SKU-1:10", "SKU-2:4", NULL };
  g_autoptr(PdStockOrder) order = NULL;
  g_autoptr(GPtrArray) moves = NULL;
  PdOrdersView *orders;
  PdOrderExecView *view;
  GtkWidget *dialog;
  const char *text;

  /* Into zone Z1, 10 % over a line allowed. */
  create_order (f, PD_ORDER_INBOUND, "PO-2", f->loc.z1, 0, 10, TRUE, lines);
  orders = open_orders (f, "supervisor");
  view = open_exec (orders, "PO-2");

  /* A code nobody knows. */
  scan (view, "NO-SUCH-CODE");
  g_assert_nonnull (strstr (message (view, FALSE), "NO-SUCH-CODE"));

  /* An item that is not on the order: refused at once. */
  create_order (f, PD_ORDER_INBOUND, "PO-3", 0, 0, 0, FALSE, (const char * const[]) { "RESIN:1", NULL });
  scan (view, "A-01");
  message (view, TRUE);
  scan (view, "RESIN");
  g_assert_cmpstr (message (view, FALSE), ==, "RESIN is not on order PO-2.");

  /* A location outside the order's. */
  scan (view, "B-01");
  scan (view, "SKU-1");
  scan (view, "");
  wait_answered (view);
  text = message (view, FALSE);
  g_assert_nonnull (strstr (text, "B-01"));
  g_assert_nonnull (strstr (text, "Z1"));

  /* An over-receipt past the tolerance: 10 + 10 % is 11. */
  scan (view, "A-01");
  scan (view, "SKU-1");
  gtk_editable_set_text (GTK_EDITABLE (_pd_order_exec_view_get_qty_entry (view)), "12");
  scan (view, "");
  wait_answered (view);
  text = message (view, FALSE);
  g_assert_true (g_str_has_prefix (text, "Over-receipt:"));

  /* Nothing was recorded. */
  moves = list_moves (f);
  g_assert_cmpuint (moves->len, ==, 0);

  /* What was scanned came back: a quantity put right is received. */
  gtk_editable_set_text (GTK_EDITABLE (_pd_order_exec_view_get_qty_entry (view)), "4");
  scan (view, "");
  wait_answered (view);
  g_assert_cmpstr (message (view, TRUE), ==, "Received 4 pcs of SKU-1.");
  g_clear_pointer (&moves, g_ptr_array_unref);
  moves = list_moves (f);
  g_assert_cmpuint (moves->len, ==, 1);

  /* Close short from the screen: the confirmation lists the short lines. */
  PD_GUI_WAIT_UNTIL (_pd_order_exec_view_get_order (view)->status == PD_ORDER_IN_PROGRESS);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (_pd_order_exec_view_get_close_button (view))));
  g_signal_emit_by_name (_pd_order_exec_view_get_close_button (view), "clicked");
  dialog = _pd_order_exec_view_get_dialog (view);
  g_assert_true (ADW_IS_MESSAGE_DIALOG (dialog));
  text = adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog));
  g_assert_nonnull (strstr (text, "SKU-1: 6 pcs of 10 pcs not done"));
  g_assert_nonnull (strstr (text, "SKU-2: 4 pcs of 4 pcs not done"));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "close");
  PD_GUI_WAIT_UNTIL (!_pd_order_exec_view_is_busy (view) &&
                     _pd_order_exec_view_get_order (view)->status == PD_ORDER_DONE);

  order = get_order (f, "PO-2");
  g_assert_cmpint (order->status, ==, PD_ORDER_DONE);
  g_assert_true (order->closed_short);
  g_assert_true (((PdStockOrderLine *) g_ptr_array_index (order->lines, 0))->short_closed);
  g_assert_true (((PdStockOrderLine *) g_ptr_array_index (order->lines, 1))->short_closed);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (_pd_order_exec_view_get_close_button (view))));

  /* A scan on a done order: the core's refusal, nothing recorded. */
  scan (view, "A-01");
  scan (view, "SKU-1");
  scan (view, "");
  wait_answered (view);
  g_assert_nonnull (strstr (message (view, FALSE), "PO-2"));
  g_clear_pointer (&moves, g_ptr_array_unref);
  moves = list_moves (f);
  g_assert_cmpuint (moves->len, ==, 1);

  fixture_free (f);
}

/* A transfer: the first location scanned is where from, the second where to. */
static void
test_transfer (void)
{
  Fixture *f = fixture_new ();
  const char * const receipt[] = { "SKU-2:8", NULL };
  const char * const lines[] = { "SKU-2:3", NULL };
  g_autoptr(GPtrArray) moves = NULL;
  PdOrdersView *orders;
  PdOrderExecView *view;
  PdStockMove *move;

  create_order (f, PD_ORDER_INBOUND, "PO-4", 0, 0, 0, TRUE, receipt);
  g_assert_true (pd_store_order_execute (f->gui->store, f->admin, "PO-4", "A-01", "SKU-2", NULL, 0, NULL, NULL));
  create_order (f, PD_ORDER_TRANSFER, "TR-1", f->loc.wh1, f->loc.wh2, 0, TRUE, lines);

  orders = open_orders (f, "warehouse");
  view = open_exec (orders, "TR-1");
  scan (view, "A-01");
  scan (view, "B-01");
  scan (view, "SKU-2");
  scan (view, "");
  wait_answered (view);
  g_assert_cmpstr (message (view, TRUE), ==, "Moved 3 pcs of SKU-2.");

  moves = list_moves (f);
  move = g_ptr_array_index (moves, 0);
  g_assert_cmpint (move->reason, ==, PD_MOVE_TRANSFER);
  g_assert_cmpint (move->from_location, ==, f->loc.a01);
  g_assert_cmpint (move->to_location, ==, f->loc.b01);
  g_assert_cmpint (move->qty, ==, 3 * PD_QTY_ONE);
  PD_GUI_WAIT_UNTIL (_pd_order_exec_view_get_order (view)->status == PD_ORDER_DONE);

  fixture_free (f);
}

/* --- The list, a new order, actions --------------------------------------- */

static void
test_list_and_actions (void)
{
  Fixture *f = fixture_new ();
  g_autoptr(PdStockOrder) order = NULL;
  g_autoptr(PdUser) operator = NULL;
  GtkWidget *operator_view;
  PdOrdersView *orders;
  PdOrderDialog *dialog;

  create_order (f, PD_ORDER_INBOUND, "PO-A", f->loc.a01, 0, 0, FALSE,
                (const char * const[]) { "SKU-1:5", NULL });
  create_order (f, PD_ORDER_OUTBOUND, "PO-B", 0, 0, 0, TRUE,
                (const char * const[]) { "SKU-2:2", NULL });
  create_order (f, PD_ORDER_TRANSFER, "TR-9", f->loc.wh1, f->loc.wh2, 0, TRUE,
                (const char * const[]) { "SKU-2:1", NULL });

  orders = open_orders (f, "supervisor");
  g_assert_cmpuint (_pd_orders_view_get_n_shown (orders), ==, 3);

  /* Search and filters. */
  _pd_orders_view_set_search (orders, "po-b");
  g_assert_cmpuint (_pd_orders_view_get_n_shown (orders), ==, 1);
  g_assert_cmpstr (_pd_orders_view_get_ref (orders, 0), ==, "PO-B");
  _pd_orders_view_set_search (orders, "wh2");
  g_assert_cmpuint (_pd_orders_view_get_n_shown (orders), ==, 1);
  g_assert_cmpstr (_pd_orders_view_get_ref (orders, 0), ==, "TR-9");
  _pd_orders_view_set_search (orders, "");
  _pd_orders_view_set_status_filter (orders, PD_ORDER_DRAFT);
  g_assert_cmpuint (_pd_orders_view_get_n_shown (orders), ==, 1);
  g_assert_cmpstr (_pd_orders_view_get_ref (orders, 0), ==, "PO-A");
  _pd_orders_view_set_status_filter (orders, -1);
  _pd_orders_view_set_kind_filter (orders, PD_ORDER_TRANSFER);
  g_assert_cmpuint (_pd_orders_view_get_n_shown (orders), ==, 1);
  g_assert_cmpstr (_pd_orders_view_get_ref (orders, 0), ==, "TR-9");
  _pd_orders_view_set_kind_filter (orders, -1);

  /* Release the draft: a draft cannot be executed yet. */
  g_assert_true (_pd_orders_view_select (orders, "PO-A"));
  g_assert_false (gtk_widget_get_sensitive (_pd_orders_view_get_button (orders, "execute")));
  g_assert_true (gtk_widget_get_visible (_pd_orders_view_get_button (orders, "release")));
  g_assert_true (gtk_widget_get_sensitive (_pd_orders_view_get_button (orders, "release")));
  g_signal_emit_by_name (_pd_orders_view_get_button (orders, "release"), "clicked");
  PD_GUI_WAIT_UNTIL (_pd_orders_view_get_n_pending (orders) == 0);
  order = get_order (f, "PO-A");
  g_assert_cmpint (order->status, ==, PD_ORDER_RELEASED);
  PD_GUI_WAIT_UNTIL (!_pd_orders_view_is_loading (orders) &&
                     gtk_widget_get_sensitive (_pd_orders_view_get_button (orders, "execute")));

  /* Cancel it. */
  g_signal_emit_by_name (_pd_orders_view_get_button (orders, "cancel"), "clicked");
  PD_GUI_WAIT_UNTIL (_pd_orders_view_get_n_pending (orders) == 0);
  g_clear_pointer (&order, pd_stock_order_free);
  order = get_order (f, "PO-A");
  g_assert_cmpint (order->status, ==, PD_ORDER_CANCELLED);

  /* A new order: the core's refusal shown in the dialog, nothing made;
   * put right, it is created and listed. */
  g_signal_emit_by_name (_pd_orders_view_get_button (orders, "new"), "clicked");
  dialog = PD_ORDER_DIALOG (_pd_orders_view_get_dialog (orders));
  g_assert_nonnull (dialog);
  _pd_order_dialog_set_kind (dialog, PD_ORDER_OUTBOUND);
  _pd_order_dialog_set_field (dialog, "ref", "SO-7");
  _pd_order_dialog_set_field (dialog, "partner", "Acme");
  _pd_order_dialog_add_line (dialog, "NOPE", "3", NULL);
  _pd_order_dialog_create (dialog);
  PD_GUI_WAIT_UNTIL (!_pd_order_dialog_is_busy (dialog));
  g_assert_cmpstr (_pd_order_dialog_get_error (dialog), ==, "Line 1: no item “NOPE”.");
  g_assert_cmpint (pd_test_query_int (f->gui->store, "SELECT COUNT (*) FROM stock_orders"), ==, 3);

  _pd_order_dialog_add_line (dialog, "SKU-2", "abc", NULL);
  _pd_order_dialog_create (dialog);
  g_assert_nonnull (strstr (_pd_order_dialog_get_error (dialog), "abc"));

  /* Remove the two lines by their buttons is what a person does; a test
   * types over them. */
  gtk_window_destroy (GTK_WINDOW (dialog));
  PD_GUI_WAIT_UNTIL (_pd_orders_view_get_dialog (orders) == NULL);
  g_signal_emit_by_name (_pd_orders_view_get_button (orders, "new"), "clicked");
  dialog = PD_ORDER_DIALOG (_pd_orders_view_get_dialog (orders));
  _pd_order_dialog_set_kind (dialog, PD_ORDER_OUTBOUND);
  _pd_order_dialog_set_field (dialog, "ref", "SO-7");
  _pd_order_dialog_set_field (dialog, "partner", "Acme");
  _pd_order_dialog_set_field (dialog, "location", "WH1");
  _pd_order_dialog_set_field (dialog, "tolerance", "5");
  _pd_order_dialog_add_line (dialog, "SKU-2", "3", NULL);
  _pd_order_dialog_add_line (dialog, "SKU-1", "1.5", NULL);
  _pd_order_dialog_create (dialog);
  PD_GUI_WAIT_UNTIL (_pd_orders_view_get_dialog (orders) == NULL);
  g_clear_pointer (&order, pd_stock_order_free);
  order = get_order (f, "SO-7");
  g_assert_cmpint (order->kind, ==, PD_ORDER_OUTBOUND);
  g_assert_cmpint (order->status, ==, PD_ORDER_RELEASED);
  g_assert_cmpstr (order->partner, ==, "Acme");
  g_assert_cmpint (order->location_id, ==, f->loc.wh1);
  g_assert_cmpuint (order->tolerance, ==, 5);
  g_assert_cmpuint (order->lines->len, ==, 2);
  g_assert_cmpint (((PdStockOrderLine *) g_ptr_array_index (order->lines, 1))->qty, ==, 3 * PD_QTY_ONE / 2);
  PD_GUI_WAIT_UNTIL (!_pd_orders_view_is_loading (orders) && _pd_orders_view_get_n_shown (orders) == 4);

  /* A role without PD_PERMISSION_STOCK_ORDERS is offered none of it. */
  operator = pd_test_login (f->gui->store, "operator");
  operator_view = g_object_ref_sink (pd_orders_view_new (f->gui->store, operator));
  g_assert_false (gtk_widget_get_visible (_pd_orders_view_get_button (PD_ORDERS_VIEW (operator_view), "release")));
  g_assert_false (gtk_widget_get_visible (_pd_orders_view_get_button (PD_ORDERS_VIEW (operator_view), "cancel")));
  g_assert_false (gtk_widget_get_visible (_pd_orders_view_get_button (PD_ORDERS_VIEW (operator_view), "close")));
  g_assert_false (gtk_widget_get_visible (_pd_orders_view_get_button (PD_ORDERS_VIEW (operator_view), "new")));
  g_assert_false (gtk_widget_get_visible (_pd_orders_view_get_button (PD_ORDERS_VIEW (operator_view), "execute")));
  PD_GUI_WAIT_UNTIL (!_pd_orders_view_is_loading (PD_ORDERS_VIEW (operator_view)));
  g_assert_cmpuint (_pd_orders_view_get_n_shown (PD_ORDERS_VIEW (operator_view)), ==, 4);
  g_assert_finalize_object (operator_view);

  fixture_free (f);
}

int
main (int   argc,
      char *argv[])
{
  pd_gui_test_init (&argc, &argv);

  pd_gui_test_add ("/gui/wms/orders/receipt-fast", test_receipt_fast);
  pd_gui_test_add ("/gui/wms/orders/refused-and-close-short", test_refused_and_close_short);
  pd_gui_test_add ("/gui/wms/orders/transfer", test_transfer);
  pd_gui_test_add ("/gui/wms/orders/list-and-actions", test_list_and_actions);

  return g_test_run ();
}
