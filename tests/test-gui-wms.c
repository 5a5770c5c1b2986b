/* test-gui-wms.c — the Warehouse section: levels, scanning, the ledger
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-gui-wms"

#include "config.h"

#include <string.h>

#include "pd-gui-wms-test-utils.h"
#include "pd-wms-read.h"
#include "overview/pd-overview-page-private.h"
#include "wms/pd-wms-row.h"

typedef struct
{
  PdGuiFixture *gui;
  PdUser       *admin;
  gint64        wh1;
  gint64        a01;
  gint64        a02;
  gint64        sku1;
  gint64        sku2;
  gint64        sku3;
} Fixture;

static void
receive (Fixture *f,
         gint64   item_id,
         gint64   location_id,
         gint64   units,
         guint    times)
{
  g_autoptr(GPtrArray) moves = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_stock_move_free);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < times; i++)
    {
      PdStockMove *move = pd_stock_move_new ();

      move->item_id = item_id;
      move->to_location = location_id;
      move->qty = units * PD_QTY_ONE;
      move->reason = PD_MOVE_RECEIPT;
      g_ptr_array_add (moves, move);
    }
  g_assert_true (pd_store_post_moves (f->gui->store, f->admin, moves, &error));
  g_assert_no_error (error);
}

/* WH1 with bins; SKU-1 (min 10), SKU-2 (max 5), SKU-3 with
 * a barcode and no thresholds. */
static Fixture *
fixture_new (void)
{
  Fixture *f = g_new0 (Fixture, 1);

  f->gui = pd_gui_fixture_new (TRUE);
  f->admin = pd_test_login (f->gui->store, "admin");
  f->wh1 = pd_test_add_location (f->gui->store, f->admin, PD_LOCATION_WAREHOUSE, "WH1", NULL, 0);
  f->a01 = pd_test_add_location (f->gui->store, f->admin, PD_LOCATION_BIN, "A-01", NULL, f->wh1);
  f->a02 = pd_test_add_location (f->gui->store, f->admin, PD_LOCATION_BIN, "A-02", NULL, f->wh1);
  f->sku1 = pd_test_add_part (f->gui->store, f->admin, "SKU-1", NULL, TRUE, 10 * PD_QTY_ONE, FALSE, 0);
  f->sku2 = pd_test_add_part (f->gui->store, f->admin, "SKU-2", NULL, FALSE, 0, TRUE, 5 * PD_QTY_ONE);
  f->sku3 = pd_test_add_part (f->gui->store, f->admin, "SKU-3", "4006381333931", FALSE, 0, FALSE, 0);
  return f;
}

static void
fixture_free (Fixture *f)
{
  g_clear_object (&f->admin);
  pd_gui_fixture_free (f->gui);
  g_free (f);
}

static GPtrArray *
list_moves (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *moves = pd_store_list_moves (f->gui->store, 0, 0, 10000, &error);

  g_assert_no_error (error);
  return moves;
}

static void
async_result_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static void
scan (PdScanView *view,
      const char *text)
{
  pd_gui_enter (_pd_scan_view_get_entry (view), text);
}

/* Moves are written by the view's worker: the answer to a confirmed scan
 * comes once it is written. */
static void
wait_answered (PdScanView *view)
{
  PD_GUI_WAIT_UNTIL (_pd_scan_view_get_n_pending (view) == 0);
}

/* --- Levels ---------------------------------------------------------------- */

static void
test_levels (void)
{
  Fixture *f = fixture_new ();
  PdWarehousePage *page;
  PdStockLevelsView *levels;
  const char *css = NULL;

  receive (f, f->sku1, f->a01, 3, 1);   /* below its minimum of 10 */
  receive (f, f->sku2, f->a02, 8, 1);   /* above its maximum of 5 */
  receive (f, f->sku3, f->a01, 4, 1);

  page = pd_gui_open_warehouse (f->gui, "supervisor", NULL);
  pd_warehouse_page_show_view (page, "levels");
  levels = _pd_warehouse_page_get_levels_view (page);
  PD_GUI_WAIT_UNTIL (!_pd_stock_levels_view_is_loading (levels) &&
                     _pd_stock_levels_view_get_n_read (levels) == 3);

  g_assert_cmpuint (_pd_stock_levels_view_get_n_shown (levels), ==, 3);
  g_assert_cmpstr (_pd_stock_levels_view_get_sku (levels, 0, &css), ==, "SKU-1");
  g_assert_cmpstr (css, ==, "error");
  g_assert_cmpstr (_pd_stock_levels_view_get_sku (levels, 1, &css), ==, "SKU-2");
  g_assert_cmpstr (css, ==, "warning");
  /* Normal stock is drawn without colour. */
  g_assert_cmpstr (_pd_stock_levels_view_get_sku (levels, 2, &css), ==, "SKU-3");
  g_assert_null (css);
  pd_gui_screenshot (GTK_WIDGET (f->gui->window), "wms-levels");

  /* Search by barcode, by location (any case), by name. */
  _pd_stock_levels_view_set_search (levels, "4006381333931");
  g_assert_cmpuint (_pd_stock_levels_view_get_n_shown (levels), ==, 1);
  g_assert_cmpstr (_pd_stock_levels_view_get_sku (levels, 0, NULL), ==, "SKU-3");
  _pd_stock_levels_view_set_search (levels, "a-02");
  g_assert_cmpuint (_pd_stock_levels_view_get_n_shown (levels), ==, 1);
  g_assert_cmpstr (_pd_stock_levels_view_get_sku (levels, 0, NULL), ==, "SKU-2");
  _pd_stock_levels_view_set_search (levels, "part sku");
  g_assert_cmpuint (_pd_stock_levels_view_get_n_shown (levels), ==, 3);
  _pd_stock_levels_view_set_search (levels, "nothing like it");
  g_assert_cmpuint (_pd_stock_levels_view_get_n_shown (levels), ==, 0);
  _pd_stock_levels_view_set_search (levels, "");

  /* The status filter. */
  _pd_stock_levels_view_set_filter (levels, PD_STOCK_FILTER_BELOW_MIN);
  g_assert_cmpuint (_pd_stock_levels_view_get_n_shown (levels), ==, 1);
  g_assert_cmpstr (_pd_stock_levels_view_get_sku (levels, 0, NULL), ==, "SKU-1");
  _pd_stock_levels_view_set_filter (levels, PD_STOCK_FILTER_ABOVE_MAX);
  g_assert_cmpuint (_pd_stock_levels_view_get_n_shown (levels), ==, 1);
  g_assert_cmpstr (_pd_stock_levels_view_get_sku (levels, 0, NULL), ==, "SKU-2");

  /* A move elsewhere reaches the list through "stock-changed": SKU-1 at
   * A-02 lifts the warehouse's SKU-1 to 13, no longer below its minimum. */
  receive (f, f->sku1, f->a02, 10, 1);
  PD_GUI_WAIT_UNTIL (!_pd_stock_levels_view_is_loading (levels) &&
                     _pd_stock_levels_view_get_n_read (levels) == 4);
  _pd_stock_levels_view_set_filter (levels, PD_STOCK_FILTER_BELOW_MIN);
  g_assert_cmpuint (_pd_stock_levels_view_get_n_shown (levels), ==, 0);
  _pd_stock_levels_view_set_filter (levels, PD_STOCK_FILTER_ALL);
  g_assert_cmpuint (_pd_stock_levels_view_get_n_shown (levels), ==, 4);
  g_assert_cmpstr (_pd_stock_levels_view_get_sku (levels, 0, &css), ==, "SKU-1");
  g_assert_null (css);

  fixture_free (f);
}

/* --- Scanning -------------------------------------------------------------- */

#define N_FAST_SCANS 20

static void
test_scan_fast (void)
{
  Fixture *f = fixture_new ();
  const char *locations[] = { "A-01", "A-02" };
  const char *items[] = { "SKU-1", "SKU-2", "4006381333931" };
  gint64 location_ids[] = { f->a01, f->a02 };
  gint64 item_ids[] = { f->sku1, f->sku2, f->sku3 };
  g_autoptr(GPtrArray) moves = NULL;
  PdWarehousePage *page;
  PdScanView *view;
  gboolean ok = FALSE;

  page = pd_gui_open_warehouse (f->gui, "warehouse", NULL);
  pd_warehouse_page_show_view (page, "scan");
  view = _pd_warehouse_page_get_scan_view (page);
  pd_gui_flush ();

  /* As fast as a scanner types: no main loop iteration between scans. */
  for (guint i = 0; i < N_FAST_SCANS; i++)
    {
      scan (view, locations[i % 2]);
      scan (view, items[i % 3]);
      scan (view, "");
    }

  wait_answered (view);
  g_assert_cmpuint (_pd_scan_view_get_n_posted (view), ==, N_FAST_SCANS);
  g_assert_nonnull (_pd_scan_view_get_message (view, &ok));
  g_assert_true (ok);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (_pd_scan_view_get_entry (view))), ==, "");
  pd_gui_screenshot (GTK_WIDGET (f->gui->window), "wms-scan-posted");

  /* Exactly the twenty, in the order scanned (the ledger is newest first). */
  moves = list_moves (f);
  g_assert_cmpuint (moves->len, ==, N_FAST_SCANS);
  for (guint i = 0; i < N_FAST_SCANS; i++)
    {
      PdStockMove *move = g_ptr_array_index (moves, N_FAST_SCANS - 1 - i);

      g_assert_cmpint (move->reason, ==, PD_MOVE_RECEIPT);
      g_assert_cmpint (move->to_location, ==, location_ids[i % 2]);
      g_assert_cmpint (move->from_location, ==, 0);
      g_assert_cmpint (move->item_id, ==, item_ids[i % 3]);
      g_assert_cmpint (move->qty, ==, PD_QTY_ONE);
      g_assert_cmpstr (move->user_name, ==, "warehouse");
    }

  fixture_free (f);
}

static void
test_scan_refused (void)
{
  Fixture *f = fixture_new ();
  g_autoptr(GPtrArray) moves = NULL;
  PdWarehousePage *page;
  PdScanView *view;
  gboolean ok = TRUE;
  const char *message;

  receive (f, f->sku1, f->a01, 3, 1);

  page = pd_gui_open_warehouse (f->gui, "warehouse", NULL);
  view = _pd_warehouse_page_get_scan_view (page);
  pd_scan_view_set_mode (view, PD_SCAN_MODE_ISSUE);

  /* An unknown code: refused, with the code named. */
  scan (view, "NO-SUCH-CODE");
  message = _pd_scan_view_get_message (view, &ok);
  g_assert_false (ok);
  g_assert_nonnull (strstr (message, "NO-SUCH-CODE"));

  /* Enter before anything was scanned. */
  scan (view, "");
  ok = TRUE;
  g_assert_nonnull (_pd_scan_view_get_message (view, &ok));
  g_assert_false (ok);

  /* More than there is. */
  scan (view, "A-01");
  scan (view, "SKU-1");
  gtk_editable_set_text (GTK_EDITABLE (_pd_scan_view_get_qty_entry (view)), "5");
  scan (view, "");
  wait_answered (view);
  message = _pd_scan_view_get_message (view, &ok);
  g_assert_false (ok);
  g_assert_cmpstr (message, ==, "Only 3 pcs of SKU-1 at A-01; 5 asked.");
  pd_warehouse_page_show_view (page, "scan");
  pd_gui_screenshot (GTK_WIDGET (f->gui->window), "wms-scan-refused");

  /* A quantity that is not one. */
  gtk_editable_set_text (GTK_EDITABLE (_pd_scan_view_get_qty_entry (view)), "abc");
  scan (view, "");
  message = _pd_scan_view_get_message (view, &ok);
  g_assert_false (ok);
  g_assert_nonnull (strstr (message, "abc"));

  /* Nothing was recorded: the one receipt of the fixture only. */
  g_assert_cmpuint (_pd_scan_view_get_n_posted (view), ==, 0);
  moves = list_moves (f);
  g_assert_cmpuint (moves->len, ==, 1);

  /* What was scanned stays: a quantity put right posts. */
  gtk_editable_set_text (GTK_EDITABLE (_pd_scan_view_get_qty_entry (view)), "2.5");
  scan (view, "");
  wait_answered (view);
  message = _pd_scan_view_get_message (view, &ok);
  g_assert_true (ok);
  g_assert_cmpuint (_pd_scan_view_get_n_posted (view), ==, 1);
  g_assert_cmpint (pd_store_get_on_hand (f->gui->store, f->sku1, f->a01, NULL), ==, PD_QTY_ONE / 2);

  fixture_free (f);
}

/* With an item chosen, a number typed into the scan entry is its
 * quantity and posts at once; a code wins over a number, and a number
 * with no item chosen is an unknown code. */
static void
test_scan_typed_qty (void)
{
  Fixture *f = fixture_new ();
  PdWarehousePage *page;
  PdScanView *view;
  gboolean ok = TRUE;
  const char *message;

  page = pd_gui_open_warehouse (f->gui, "warehouse", NULL);
  view = _pd_warehouse_page_get_scan_view (page);
  pd_scan_view_set_mode (view, PD_SCAN_MODE_RECEIVE);

  scan (view, "7");
  message = _pd_scan_view_get_message (view, &ok);
  g_assert_false (ok);
  g_assert_nonnull (strstr (message, "7"));
  g_assert_cmpuint (_pd_scan_view_get_n_posted (view), ==, 0);

  scan (view, "A-01");
  scan (view, "SKU-1");
  scan (view, "7.25");
  wait_answered (view);
  message = _pd_scan_view_get_message (view, &ok);
  g_assert_true (ok);
  g_assert_cmpuint (_pd_scan_view_get_n_posted (view), ==, 1);
  g_assert_cmpint (pd_store_get_on_hand (f->gui->store, f->sku1, f->a01, NULL), ==,
                   7 * PD_QTY_ONE + PD_QTY_ONE / 4);
  /* The typed quantity was for that scan only. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (_pd_scan_view_get_qty_entry (view))), ==, "1");

  /* The item was confirmed: a number now has nothing to count. */
  scan (view, "3");
  g_assert_false (_pd_scan_view_get_message (view, &ok) == NULL);
  g_assert_false (ok);
  g_assert_cmpuint (_pd_scan_view_get_n_posted (view), ==, 1);

  fixture_free (f);
}

/* A lot-tracked item takes its lot from the next scan; a transfer takes
 * its locations in the order scanned. */
static void
test_scan_lot_and_transfer (void)
{
  Fixture *f = fixture_new ();
  g_autoptr(PdItem) item = pd_item_new ();
  g_autoptr(GPtrArray) moves = NULL;
  g_autoptr(GError) error = NULL;
  PdWarehousePage *page;
  PdScanView *view;
  PdStockMove *move;
  gboolean ok = FALSE;
  const char *message;

  item->sku = g_strdup ("RESIN");
  item->name = g_strdup ("Resin");
  item->unit = g_strdup ("kg");
  item->lot_tracked = TRUE;
  g_assert_true (pd_store_add_item (f->gui->store, f->admin, item, &error));
  g_assert_no_error (error);

  page = pd_gui_open_warehouse (f->gui, "warehouse", NULL);
  view = _pd_warehouse_page_get_scan_view (page);

  /* Receive 2.5 kg of lot L-7 into A-01; Enter before the lot is refused. */
  scan (view, "A-01");
  scan (view, "resin");
  scan (view, "");
  message = _pd_scan_view_get_message (view, &ok);
  g_assert_false (ok);
  g_assert_nonnull (strstr (message, "RESIN"));
  scan (view, "L-7");
  gtk_editable_set_text (GTK_EDITABLE (_pd_scan_view_get_qty_entry (view)), "2.5");
  scan (view, "");
  wait_answered (view);
  g_assert_nonnull (_pd_scan_view_get_message (view, &ok));
  g_assert_true (ok);

  /* Move 1 kg of it from. */
  pd_scan_view_set_mode (view, PD_SCAN_MODE_TRANSFER);
  scan (view, "A-01");
  scan (view, "A-02");
  scan (view, "RESIN");
  scan (view, "L-7");
  scan (view, "");
  wait_answered (view);
  message = _pd_scan_view_get_message (view, &ok);
  g_assert_true (ok);
  g_assert_cmpuint (_pd_scan_view_get_n_posted (view), ==, 2);
  /* The quantity went back to 1 after the receipt. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (_pd_scan_view_get_qty_entry (view))), ==, "1");

  moves = list_moves (f);
  g_assert_cmpuint (moves->len, ==, 2);
  move = g_ptr_array_index (moves, 1);
  g_assert_cmpint (move->reason, ==, PD_MOVE_RECEIPT);
  g_assert_cmpstr (move->lot_code, ==, "L-7");
  g_assert_cmpint (move->qty, ==, 5 * PD_QTY_ONE / 2);
  move = g_ptr_array_index (moves, 0);
  g_assert_cmpint (move->reason, ==, PD_MOVE_TRANSFER);
  g_assert_cmpstr (move->lot_code, ==, "L-7");
  g_assert_cmpint (move->from_location, ==, f->a01);
  g_assert_cmpint (move->to_location, ==, f->a02);
  g_assert_cmpint (move->qty, ==, PD_QTY_ONE);

  fixture_free (f);
}

/* --- Ledger ---------------------------------------------------------------- */

static gboolean
scroll_to_end (GtkAdjustment *adjustment)
{
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  return TRUE;
}

static void
test_ledger_lazy (void)
{
  Fixture *f = fixture_new ();
  PdWarehousePage *page;
  PdLedgerModel *model;
  GtkColumnView *view;
  GtkAdjustment *vadjustment;
  g_autoptr(GObject) first = NULL;
  PdStockMove *move;

  receive (f, f->sku1, f->a01, 1, 1200);

  page = pd_gui_open_warehouse (f->gui, "supervisor", NULL);
  pd_warehouse_page_show_view (page, "ledger");
  model = _pd_ledger_view_get_model (_pd_warehouse_page_get_ledger_view (page));
  view = _pd_ledger_view_get_column_view (_pd_warehouse_page_get_ledger_view (page));

  /* One page at first, newest first. */
  PD_GUI_WAIT_UNTIL (!pd_ledger_model_is_loading (model) &&
                     g_list_model_get_n_items (G_LIST_MODEL (model)) >= PD_LEDGER_PAGE_SIZE);
  pd_gui_flush ();
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, PD_LEDGER_PAGE_SIZE);
  g_assert_true (pd_ledger_model_has_more (model));
  first = g_list_model_get_item (G_LIST_MODEL (model), 0);
  move = pd_wms_row_get_data (PD_WMS_ROW (first));
  g_assert_cmpstr (move->sku, ==, "SKU-1");
  g_assert_cmpstr (move->to_code, ==, "A-01");
  pd_gui_screenshot (GTK_WIDGET (f->gui->window), "wms-ledger");

  /* Scrolling to the end reads the next page, and the next. */
  vadjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view));
  for (guint expected = 2 * PD_LEDGER_PAGE_SIZE; expected <= 1200 + PD_LEDGER_PAGE_SIZE; expected += PD_LEDGER_PAGE_SIZE)
    {
      guint want = MIN (expected, 1200);

      /* Held at the bottom, as a person dragging the scrollbar down: the
       * bottom moves as rows arrive. */
      PD_GUI_WAIT_UNTIL (scroll_to_end (vadjustment) &&
                         !pd_ledger_model_is_loading (model) &&
                         g_list_model_get_n_items (G_LIST_MODEL (model)) >= want);
      pd_gui_flush ();
    }
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 1200);
  g_assert_false (pd_ledger_model_has_more (model));

  /* A new move comes first. */
  receive (f, f->sku2, f->a02, 1, 1);
  PD_GUI_WAIT_UNTIL (g_list_model_get_n_items (G_LIST_MODEL (model)) == 1201);
  g_clear_object (&first);
  first = g_list_model_get_item (G_LIST_MODEL (model), 0);
  move = pd_wms_row_get_data (PD_WMS_ROW (first));
  g_assert_cmpstr (move->sku, ==, "SKU-2");

  fixture_free (f);
}

static void
test_export (void)
{
  Fixture *f = fixture_new ();
  g_autoptr(GFile) file = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  guint64 n_rows = 0;

  receive (f, f->sku1, f->a01, 3, 1);
  receive (f, f->sku2, f->a02, 8, 2);

  path = g_build_filename (f->gui->data_dir, "ledger.csv", NULL);
  file = g_file_new_for_path (path);
  pd_wms_export_csv_async (pd_store_get_path (f->gui->store), PD_WMS_EXPORT_LEDGER, file, NULL,
                           async_result_cb, &result);
  PD_GUI_WAIT_UNTIL (result != NULL);
  g_assert_true (pd_wms_export_csv_finish (result, &n_rows, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_rows, ==, 3);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "id,time,sku,lot,from,to,qty,reason,user,station,ref,uuid\r\n3,"));
  g_assert_nonnull (strstr (contents, ",SKU-2,,,A-02,8,receipt,admin,"));

  g_clear_object (&result);
  g_clear_pointer (&contents, g_free);
  pd_wms_export_csv_async (pd_store_get_path (f->gui->store), PD_WMS_EXPORT_LEVELS, file, NULL,
                           async_result_cb, &result);
  PD_GUI_WAIT_UNTIL (result != NULL);
  g_assert_true (pd_wms_export_csv_finish (result, &n_rows, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_rows, ==, 2);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==,
                   "sku,name,location,lot,qty,unit,min,max,warehouse_qty,status\r\n"
                   "SKU-1,Part SKU-1,A-01,,3,pcs,10,,3,below-min\r\n"
                   "SKU-2,Part SKU-2,A-02,,16,pcs,,5,16,above-max\r\n");

  fixture_free (f);
}

/* --- Overview ------------------------------------------------------------- */

static void
test_overview_tile (void)
{
  Fixture *f = fixture_new ();
  PdOverviewPage *page;

  pd_gui_sign_in (f->gui, "warehouse", PD_TEST_PASSWORD);
  g_assert_true (_pd_window_select_section (f->gui->window, "overview"));
  page = PD_OVERVIEW_PAGE (_pd_window_get_section (f->gui->window, "overview"));
  PD_GUI_WAIT_UNTIL (_pd_window_get_alarm_engine (f->gui->window) != NULL);
  _pd_overview_page_refresh (page);
  g_assert_cmpuint (_pd_overview_page_get_tile_count (page, PD_OVERVIEW_TILE_STOCK), ==, 0);
  g_assert_false (_pd_overview_page_get_tile_abnormal (page, PD_OVERVIEW_TILE_STOCK));

  /* Below the minimum of 10, and above the maximum of 5: two alerts. */
  receive (f, f->sku1, f->a01, 3, 1);
  receive (f, f->sku2, f->a01, 6, 1);
  PD_GUI_WAIT_UNTIL (_pd_overview_page_get_tile_count (page, PD_OVERVIEW_TILE_STOCK) == 2);
  g_assert_true (_pd_overview_page_get_tile_abnormal (page, PD_OVERVIEW_TILE_STOCK));

  /* Back within its thresholds: the alert goes the moment stock does. */
  receive (f, f->sku1, f->a02, 7, 1);
  PD_GUI_WAIT_UNTIL (_pd_overview_page_get_tile_count (page, PD_OVERVIEW_TILE_STOCK) == 1);

  pd_gui_screenshot (GTK_WIDGET (f->gui->window), "wms-overview");
  _pd_overview_page_activate_tile (page, PD_OVERVIEW_TILE_STOCK);
  PD_GUI_WAIT_UNTIL (g_strcmp0 (_pd_window_get_section_id (f->gui->window), "warehouse") == 0);

  fixture_free (f);
}

int
main (int   argc,
      char *argv[])
{
  pd_gui_test_init (&argc, &argv);

  pd_gui_test_add ("/gui/wms/levels", test_levels);
  pd_gui_test_add ("/gui/wms/scan-fast", test_scan_fast);
  pd_gui_test_add ("/gui/wms/scan-refused", test_scan_refused);
  pd_gui_test_add ("/gui/wms/scan-typed-qty", test_scan_typed_qty);
  pd_gui_test_add ("/gui/wms/scan-lot-and-transfer", test_scan_lot_and_transfer);
  pd_gui_test_add ("/gui/wms/ledger-lazy", test_ledger_lazy);
  pd_gui_test_add ("/gui/wms/export", test_export);
  pd_gui_test_add ("/gui/wms/overview-tile", test_overview_tile);

  return g_test_run ();
}
