/* test-gui-wms-reorder.c — the Reorder page of the Warehouse section, and
 * the stock levels keeping their place across reloads
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-gui-wms-reorder"

#include "config.h"

#include <math.h>
#include <string.h>

#include "pd-gui-wms-test-utils.h"
#include "pd-store-orders.h"

typedef struct
{
  PdGuiFixture *gui;
  PdUser       *admin;
  gint64        wh1;
  gint64        a01;
  gint64        wh2;
  gint64        b01;
} Fixture;

/* WH1 with bin A-01, WH2 with bin B-01. */
static Fixture *
fixture_new (void)
{
  Fixture *f = g_new0 (Fixture, 1);

  f->gui = pd_gui_fixture_new (TRUE);
  f->admin = pd_test_login (f->gui->store, "admin");
  f->wh1 = pd_test_add_location (f->gui->store, f->admin, PD_LOCATION_WAREHOUSE, "WH1", NULL, 0);
  f->a01 = pd_test_add_location (f->gui->store, f->admin, PD_LOCATION_BIN, "A-01", NULL, f->wh1);
  f->wh2 = pd_test_add_location (f->gui->store, f->admin, PD_LOCATION_WAREHOUSE, "WH2", NULL, 0);
  f->b01 = pd_test_add_location (f->gui->store, f->admin, PD_LOCATION_BIN, "B-01", NULL, f->wh2);
  return f;
}

static void
fixture_free (Fixture *f)
{
  g_clear_object (&f->admin);
  pd_gui_fixture_free (f->gui);
  g_free (f);
}

/* --- Reorder ----------------------------------------------------------------- */

static void
test_reorder_create (void)
{
  Fixture *f = fixture_new ();
  PdReorderView *view;
  const PdReorderRow *row;
  GtkWidget *dialog;
  g_autoptr(PdStockOrder) order = NULL;
  g_autoptr(GError) error = NULL;
  gint64 sku1 = pd_test_add_part (f->gui->store, f->admin, "SKU-1", NULL, TRUE, 10 * PD_QTY_ONE, TRUE, 40 * PD_QTY_ONE);
  gint64 sku2 = pd_test_add_part (f->gui->store, f->admin, "SKU-2", NULL, TRUE, 2 * PD_QTY_ONE, TRUE, 6 * PD_QTY_ONE);

  pd_test_post_move (f->gui->store, f->admin, sku1, NULL, 0, f->a01, 3 * PD_QTY_ONE, PD_MOVE_RECEIPT);  /* below 10: 37 to 40 */
  pd_test_post_move (f->gui->store, f->admin, sku2, NULL, 0, f->a01, 5 * PD_QTY_ONE, PD_MOVE_RECEIPT);  /* within its band */
  pd_test_post_move (f->gui->store, f->admin, sku2, NULL, 0, f->b01, PD_QTY_ONE / 2, PD_MOVE_RECEIPT);  /* below 2 in WH2: 5.5 to 6 */

  view = _pd_warehouse_page_get_reorder_view (pd_gui_open_warehouse (f->gui, "warehouse", "reorder"));
  PD_GUI_WAIT_UNTIL (!_pd_reorder_view_is_busy (view) && _pd_reorder_view_get_n_rows (view) == 2);

  row = _pd_reorder_view_get_row (view, 0);
  g_assert_cmpstr (row->sku, ==, "SKU-1");
  g_assert_cmpstr (row->warehouse_code, ==, "WH1");
  pd_test_assert_qty (row->suggested, "37");
  g_assert_cmpstr (_pd_reorder_view_get_css_class (view, 0), ==, "warning");
  row = _pd_reorder_view_get_row (view, 1);
  g_assert_cmpstr (row->sku, ==, "SKU-2");
  g_assert_cmpstr (row->warehouse_code, ==, "WH2");
  pd_test_assert_qty (row->suggested, "5.5");

  /* Nothing selected: nothing to order yet. */
  g_assert_false (_pd_reorder_view_can_create (view));
  _pd_reorder_view_select (view, 0, TRUE);
  g_assert_true (_pd_reorder_view_can_create (view));
  pd_gui_screenshot (GTK_WIDGET (f->gui->window), "wms-reorder");

  /* The dialog asks for a reference; an empty one cannot be confirmed. */
  dialog = _pd_reorder_view_open_dialog (view);
  gtk_editable_set_text (g_object_get_data (G_OBJECT (dialog), "pd-ref"), "  ");
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "create"));
  gtk_editable_set_text (g_object_get_data (G_OBJECT (dialog), "pd-ref"), "RO-77");
  gtk_editable_set_text (g_object_get_data (G_OBJECT (dialog), "pd-partner"), "ACME");
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "create"));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "create");

  /* Written by the worker; the suggestion then shows it on order, and
   * the selection stays on the same row. */
  PD_GUI_WAIT_UNTIL (!_pd_reorder_view_is_busy (view) &&
                     _pd_reorder_view_get_row (view, 0)->on_order == 37 * PD_QTY_ONE);
  row = _pd_reorder_view_get_row (view, 0);
  g_assert_cmpstr (row->sku, ==, "SKU-1");
  g_assert_cmpint (row->suggested, ==, 0);
  g_assert_null (_pd_reorder_view_get_css_class (view, 0));
  /* Covered: nothing more to order from that row. */
  g_assert_false (_pd_reorder_view_can_create (view));
  pd_test_assert_qty (_pd_reorder_view_get_row (view, 1)->on_order, "0");
  pd_gui_screenshot (GTK_WIDGET (f->gui->window), "wms-reorder-on-order");

  order = pd_store_get_order (f->gui->store, "RO-77", &error);
  g_assert_no_error (error);
  g_assert_cmpint (order->kind, ==, PD_ORDER_INBOUND);
  g_assert_cmpint (order->status, ==, PD_ORDER_DRAFT);
  g_assert_cmpint (order->location_id, ==, f->wh1);
  g_assert_cmpstr (order->partner, ==, "ACME");
  g_assert_cmpuint (order->lines->len, ==, 1);
  pd_test_assert_qty (((PdStockOrderLine *) g_ptr_array_index (order->lines, 0))->qty, "37");

  /* A ref taken already: refused, nothing written. */
  _pd_reorder_view_select (view, 1, TRUE);
  _pd_reorder_view_create_orders (view, "RO-77", NULL);
  PD_GUI_WAIT_UNTIL (!_pd_reorder_view_is_busy (view));
  pd_test_assert_qty (_pd_reorder_view_get_row (view, 1)->on_order, "0");

  /* Stock received elsewhere reaches the page through "stock-changed". */
  pd_test_post_move (f->gui->store, f->admin, sku1, NULL, 0, f->a01, 10 * PD_QTY_ONE, PD_MOVE_RECEIPT);
  PD_GUI_WAIT_UNTIL (!_pd_reorder_view_is_busy (view) && _pd_reorder_view_get_n_rows (view) == 1);
  g_assert_cmpstr (_pd_reorder_view_get_row (view, 0)->sku, ==, "SKU-2");

  fixture_free (f);
}

static void
test_reorder_export_and_permission (void)
{
  Fixture *f = fixture_new ();
  g_autoptr(PdUser) operator = pd_test_login (f->gui->store, "operator");
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  GtkWidget *view;
  gint64 sku1 = pd_test_add_part (f->gui->store, f->admin, "SKU-1", NULL, TRUE, 10 * PD_QTY_ONE, FALSE, 0);

  pd_test_post_move (f->gui->store, f->admin, sku1, NULL, 0, f->a01, PD_QTY_ONE / 10, PD_MOVE_RECEIPT);
  pd_test_post_move (f->gui->store, f->admin, sku1, NULL, 0, f->a01, PD_QTY_ONE / 5, PD_MOVE_RECEIPT);

  /* A role without stock orders sees the suggestions, and may not order. */
  view = g_object_ref_sink (pd_reorder_view_new (f->gui->store, operator));
  PD_GUI_WAIT_UNTIL (!_pd_reorder_view_is_busy (PD_REORDER_VIEW (view)) &&
                     _pd_reorder_view_get_n_rows (PD_REORDER_VIEW (view)) == 1);
  _pd_reorder_view_select (PD_REORDER_VIEW (view), 0, TRUE);
  g_assert_false (_pd_reorder_view_can_create (PD_REORDER_VIEW (view)));

  path = g_build_filename (f->gui->data_dir, "reorder.csv", NULL);
  file = g_file_new_for_path (path);
  _pd_reorder_view_export (PD_REORDER_VIEW (view), file);
  PD_GUI_WAIT_UNTIL (!_pd_reorder_view_is_busy (PD_REORDER_VIEW (view)));
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  /* 0.1 + 0.2 on hand, exactly; to the minimum, there being no maximum. */
  g_assert_cmpstr (contents, ==,
                   "sku,name,warehouse,on_hand,on_order,on_order_unplaced,min,max,suggested,unit\r\n"
                   "SKU-1,Part SKU-1,WH1,0.3,0,0,10,,9.7,pcs\r\n");

  g_object_unref (view);
  fixture_free (f);
}

/* --- Stock levels keep their place ------------------------------------------- */

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       user_data)
{
  (*(guint *) user_data)++;
  return G_SOURCE_CONTINUE;
}

/* Waits until WIDGET has been laid out and drawn a few times: what the
 * adjustment says is then what the list shows. */
static void
wait_frames (GtkWidget *widget)
{
  guint ticks = 0;
  guint id = gtk_widget_add_tick_callback (widget, tick_cb, &ticks, NULL);

  PD_GUI_WAIT_UNTIL (ticks >= 3);
  gtk_widget_remove_tick_callback (widget, id);
}

#define N_LEVEL_ITEMS 300

static void
test_levels_keep_place (void)
{
  Fixture *f = fixture_new ();
  PdStockLevelsView *levels;
  GtkColumnView *column_view;
  GtkSingleSelection *selection;
  GtkAdjustment *adjustment;
  g_autoptr(GPtrArray) moves = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_stock_move_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *selected_sku = NULL;
  gint64 ids[N_LEVEL_ITEMS];
  double value;
  guint reads;

  for (guint i = 0; i < N_LEVEL_ITEMS; i++)
    {
      g_autofree char *sku = g_strdup_printf ("P-%03u", i);
      PdStockMove *move = pd_stock_move_new ();

      ids[i] = pd_test_add_part (f->gui->store, f->admin, sku, NULL, FALSE, 0, FALSE, 0);
      move->item_id = ids[i];
      move->to_location = f->a01;
      move->qty = (i + 1) * PD_QTY_ONE;
      move->reason = PD_MOVE_RECEIPT;
      g_ptr_array_add (moves, move);
    }
  g_assert_true (pd_store_post_moves (f->gui->store, f->admin, moves, &error));
  g_assert_no_error (error);

  levels = _pd_warehouse_page_get_levels_view (pd_gui_open_warehouse (f->gui, "supervisor", "levels"));
  PD_GUI_WAIT_UNTIL (!_pd_stock_levels_view_is_loading (levels) &&
                     _pd_stock_levels_view_get_n_read (levels) == N_LEVEL_ITEMS);
  column_view = _pd_stock_levels_view_get_column_view (levels);
  selection = GTK_SINGLE_SELECTION (gtk_column_view_get_model (column_view));
  adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (column_view));
  PD_GUI_WAIT_UNTIL (gtk_adjustment_get_upper (adjustment) > 3 * gtk_adjustment_get_page_size (adjustment));

  /* Scrolled half-way down, row 150 selected. */
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment) / 2);
  wait_frames (GTK_WIDGET (column_view));
  value = gtk_adjustment_get_value (adjustment);
  g_assert_cmpfloat (value, >, 0);
  gtk_single_selection_set_selected (selection, 150);
  selected_sku = g_strdup (_pd_stock_levels_view_get_sku (levels, 150, NULL));
  g_assert_cmpstr (selected_sku, ==, "P-150");

  /* A burst of twenty scans, one of them the selected row's, another a
   * row above it: read once or twice, not twenty times. */
  reads = _pd_stock_levels_view_get_n_reads (levels);
  for (guint i = 0; i < 20; i++)
    pd_test_post_move (f->gui->store, f->admin, ids[i == 0 ? 150 : i * 7], NULL, 0, f->a01, PD_QTY_ONE, PD_MOVE_RECEIPT);
  PD_GUI_WAIT_UNTIL (!_pd_stock_levels_view_is_loading (levels) &&
                     !_pd_stock_levels_view_is_reload_queued (levels) &&
                     _pd_stock_levels_view_get_n_reads (levels) > reads);
  g_assert_cmpuint (_pd_stock_levels_view_get_n_reads (levels) - reads, <=, 2);
  wait_frames (GTK_WIDGET (column_view));

  /* The list shows the new quantity, in the same place, same selection. */
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, 150);
  g_assert_cmpstr (_pd_stock_levels_view_get_sku (levels, 150, NULL), ==, "P-150");
  g_assert_cmpint (_pd_stock_levels_view_get_qty (levels, 150), ==, 152 * PD_QTY_ONE);
  g_assert_cmpfloat (fabs (gtk_adjustment_get_value (adjustment) - value), <, 1.0);

  /* A row above it goes (P-010, P-020 and P-030 all issued): the selection follows its
   * row, not its position. */
  {
    g_autoptr(GPtrArray) issue = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_stock_move_free);

    for (guint i = 10; i <= 30; i += 10)
      {
        PdStockMove *move = pd_stock_move_new ();

        move->item_id = ids[i];
        move->from_location = f->a01;
        move->qty = (i + 1) * PD_QTY_ONE;
        move->reason = PD_MOVE_ISSUE;
        g_ptr_array_add (issue, move);
      }
    g_assert_true (pd_store_post_moves (f->gui->store, f->admin, issue, &error));
    g_assert_no_error (error);
  }
  PD_GUI_WAIT_UNTIL (!_pd_stock_levels_view_is_loading (levels) &&
                     !_pd_stock_levels_view_is_reload_queued (levels) &&
                     _pd_stock_levels_view_get_n_read (levels) == N_LEVEL_ITEMS - 3);
  wait_frames (GTK_WIDGET (column_view));
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, 147);
  g_assert_cmpstr (_pd_stock_levels_view_get_sku (levels, 147, NULL), ==, "P-150");

  fixture_free (f);
}

int
main (int   argc,
      char *argv[])
{
  pd_gui_test_init (&argc, &argv);

  pd_gui_test_add ("/gui/wms/reorder/create-order", test_reorder_create);
  pd_gui_test_add ("/gui/wms/reorder/export-and-permission", test_reorder_export_and_permission);
  pd_gui_test_add ("/gui/wms/levels/keep-place", test_levels_keep_place);

  return g_test_run ();
}
