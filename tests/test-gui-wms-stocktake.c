/* test-gui-wms-stocktake.c — stocktakes in the app: start, count by
 * scanning, review, post
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-gui-wms-stocktake"

#include "config.h"

#include <string.h>

#include "pd-gui-wms-test-utils.h"

typedef struct
{
  PdGuiFixture    *gui;
  PdUser          *admin;
  PdTestLocations  loc;
  gint64           sku1;
  gint64           sku2;
  gint64           lot1;
} Fixture;

/* WH1 → Z1 →; WH2 → B-01. SKU-1 (barcode 4006381333931): 10
 * at A-01 and 3 at B-01; SKU-2: 5 at A-02; LOT-1 (by lot): 4 of L1 at
 * */
static Fixture *
fixture_new (void)
{
  Fixture *f = g_new0 (Fixture, 1);

  f->gui = pd_gui_fixture_new (TRUE);
  f->admin = pd_test_login (f->gui->store, "admin");
  pd_test_add_warehouses (f->gui->store, f->admin, NULL, &f->loc);
  f->sku1 = pd_test_add_item (f->gui->store, f->admin, "SKU-1", "pcs", "4006381333931", FALSE);
  f->sku2 = pd_test_add_item (f->gui->store, f->admin, "SKU-2", "pcs", NULL, FALSE);
  f->lot1 = pd_test_add_item (f->gui->store, f->admin, "LOT-1", "kg", NULL, TRUE);
  pd_test_post_move (f->gui->store, f->admin, f->sku1, NULL, 0, f->loc.a01, 10 * PD_QTY_ONE, PD_MOVE_RECEIPT);
  pd_test_post_move (f->gui->store, f->admin, f->sku1, NULL, 0, f->loc.b01, 3 * PD_QTY_ONE, PD_MOVE_RECEIPT);
  pd_test_post_move (f->gui->store, f->admin, f->sku2, NULL, 0, f->loc.a02, 5 * PD_QTY_ONE, PD_MOVE_RECEIPT);
  pd_test_post_move (f->gui->store, f->admin, f->lot1, "L1", 0, f->loc.a01, 4 * PD_QTY_ONE, PD_MOVE_RECEIPT);
  return f;
}

static void
fixture_free (Fixture *f)
{
  g_clear_object (&f->admin);
  pd_gui_fixture_free (f->gui);
  g_free (f);
}

static gint64
start_in_core (Fixture    *f,
               gint64      location_id,
               gboolean    blind)
{
  g_autoptr(PdUser) supervisor = pd_test_login (f->gui->store, "supervisor");
  g_autoptr(GError) error = NULL;
  gint64 id;

  id = pd_store_start_stocktake (f->gui->store, supervisor, location_id, NULL, blind, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

/* Answers DIALOG as its button does, which also closes it. */
static void
respond (AdwMessageDialog *dialog,
         const char       *response)
{
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  adw_message_dialog_response (dialog, response);
  if (dialog != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
      gtk_window_destroy (GTK_WINDOW (dialog));
    }
}

static PdStocktakesView *
open_stocktakes (Fixture    *f,
                 const char *user)
{
  PdWarehousePage *page = pd_gui_open_warehouse (f->gui, user, "stocktakes");
  PdStocktakesView *view = _pd_warehouse_page_get_stocktakes_view (page);

  g_assert_true (PD_IS_STOCKTAKES_VIEW (view));
  PD_GUI_WAIT_UNTIL (!_pd_stocktakes_view_is_loading (view));
  return view;
}

static void
open_one (PdStocktakesView *view,
          gint64            id)
{
  _pd_stocktakes_view_open (view, id);
  PD_GUI_WAIT_UNTIL (_pd_stocktakes_view_get_open_id (view) == id);
  g_assert_nonnull (_pd_stocktakes_view_get_count_view (view));
  g_assert_nonnull (_pd_stocktakes_view_get_review_view (view));
}

static void
scan (PdStocktakeCountView *view,
      const char           *text)
{
  pd_gui_enter (_pd_stocktake_count_view_get_entry (view), text);
}

static void
type_qty (PdStocktakeCountView *view,
          const char           *text)
{
  gtk_editable_set_text (GTK_EDITABLE (_pd_stocktake_count_view_get_qty_entry (view)), text);
}

static void
assert_message (PdStocktakeCountView *view,
                gboolean              ok,
                const char           *part)
{
  gboolean shown_ok;
  const char *message = _pd_stocktake_count_view_get_message (view, &shown_ok);

  g_assert_nonnull (message);
  if (strstr (message, part) == NULL || shown_ok != ok)
    g_error ("expected a %s answer with “%s”, got %s “%s”", ok ? "green" : "red", part,
             shown_ok ? "green" : "red", message);
}

static PdStocktakeLine *
find_line (GPtrArray  *lines,
           const char *sku,
           const char *location)
{
  for (guint i = 0; i < lines->len; i++)
    {
      PdStocktakeLine *line = g_ptr_array_index (lines, i);

      if (g_str_equal (line->sku, sku) && g_str_equal (line->location_code, location))
        return line;
    }
  g_error ("no line of %s at %s", sku, location);
  return NULL;
}

static gint64
on_hand (Fixture    *f,
         gint64      item_id,
         gint64      location_id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT COALESCE (SUM (qty), 0) FROM stock_levels "
                                          "WHERE item_id = %" G_GINT64_FORMAT " AND location_id = %" G_GINT64_FORMAT,
                                          item_id, location_id);

  return pd_test_query_int (f->gui->store, sql) / PD_QTY_ONE;
}

/* Counting by scanning, typed faster than the screen redraws, while
 * another station moves stock; the review accounts for those moves and
 * posting books exactly the differences. */
static void
test_count_review_post (void)
{
  Fixture *f = fixture_new ();
  g_autoptr(PdStore) other = NULL;
  g_autoptr(PdUser) other_user = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PdStocktake) stocktake = NULL;
  g_autofree char *ref = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *toast = NULL;
  PdStocktakesView *view;
  PdStocktakeCountView *count;
  PdStocktakeReviewView *review;
  AdwMessageDialog *dialog;
  PdStocktakeLine *line;
  gint64 id;

  id = start_in_core (f, f->loc.wh1, FALSE);
  view = open_stocktakes (f, "supervisor");
  g_assert_cmpuint (_pd_stocktakes_view_get_n_stocktakes (view), ==, 1);
  g_assert_cmpint (_pd_stocktakes_view_get_stocktake (view, 0)->id, ==, id);
  g_assert_true (_pd_stocktakes_view_can_start (view));
  open_one (view, id);
  count = _pd_stocktakes_view_get_count_view (view);

  /* Another station receives into A-01 after the start, before A-01 is
   * counted: the count sees those 2 and the review expects them. */
  other = pd_store_open (f->gui->data_dir, &error);
  g_assert_no_error (error);
  other_user = pd_test_login (other, "warehouse");
  pd_test_post_move (other, other_user, f->sku1, NULL, 0, f->loc.a01, 2 * PD_QTY_ONE, PD_MOVE_RECEIPT);

  /* Refused at once, in red, and nothing is queued. */
  scan (count, "NO-SUCH-CODE");
  assert_message (count, FALSE, "NO-SUCH-CODE");
  scan (count, "B-01");
  assert_message (count, FALSE, "B-01");
  scan (count, "SKU-1");
  scan (count, "");
  assert_message (count, FALSE, "location");
  type_qty (count, "-1");
  scan (count, "A-01");
  scan (count, "SKU-1");
  scan (count, "");
  assert_message (count, FALSE, "-1");
  g_assert_cmpuint (_pd_stocktake_count_view_get_n_pending (count), ==, 0);

  /* A scanner's burst: no main-loop iteration in between. A-01: SKU-1
   * counted 15, then recounted 11 (by its barcode); LOT-1 lot L1, 4;
   * SKU-2, 7. */
  scan (count, "A-01");
  scan (count, "SKU-1");
  type_qty (count, "15");
  scan (count, "");
  scan (count, "4006381333931");
  type_qty (count, "11");
  g_signal_emit_by_name (_pd_stocktake_count_view_get_qty_entry (count), "activate");
  scan (count, "LOT-1");
  scan (count, "L1");
  type_qty (count, "4");
  scan (count, "");
  scan (count, "A-02");
  scan (count, "SKU-2");
  type_qty (count, "7");
  scan (count, "");
  g_assert_cmpuint (_pd_stocktake_count_view_get_n_pending (count), ==, 4);

  PD_GUI_WAIT_UNTIL (_pd_stocktake_count_view_get_n_pending (count) == 0);
  g_assert_cmpuint (_pd_stocktake_count_view_get_n_recorded (count), ==, 4);
  g_assert_cmpuint (_pd_stocktake_count_view_get_n_refused (count), ==, 0);
  assert_message (count, TRUE, "SKU-2");
  g_assert_cmpint (pd_test_query_int (f->gui->store, "SELECT count(*) FROM stocktake_counts"), ==, 4);

  /* After A-02 was counted another station issues 1 from it: that move
   * is not in the count and must stand after posting. */
  pd_test_post_move (other, other_user, f->sku2, NULL, f->loc.a02, 0, PD_QTY_ONE, PD_MOVE_ISSUE);

  /* The count view's lines, with the book figures for a supervisor. */
  PD_GUI_WAIT_UNTIL (!_pd_stocktake_count_view_is_loading (count) &&
                     _pd_stocktake_count_view_get_lines (count) != NULL &&
                     find_line (_pd_stocktake_count_view_get_lines (count), "SKU-2", "A-02")->counted);
  g_assert_true (_pd_stocktake_count_view_shows_expected (count));
  pd_gui_screenshot (GTK_WIDGET (f->gui->window), "stocktake-count");

  _pd_stocktakes_view_show (view, "review");
  review = _pd_stocktakes_view_get_review_view (view);
  /* The other station's signals do not reach this store: ask again. */
  _pd_stocktake_review_view_set_uncounted_as_zero (review, TRUE);
  _pd_stocktake_review_view_set_uncounted_as_zero (review, FALSE);
  PD_GUI_WAIT_UNTIL (!_pd_stocktake_review_view_is_loading (review));
  g_assert_true (_pd_stocktake_review_view_shows_book (review));
  g_assert_true (_pd_stocktake_review_view_can_post (review));
  g_assert_cmpuint (_pd_stocktake_review_view_get_n_shown (review), ==, 3);

  line = _pd_stocktake_review_view_get_line (review, 1);
  g_assert_cmpstr (line->sku, ==, "SKU-1");
  g_assert_cmpint (line->expected, ==, 10 * PD_QTY_ONE);
  g_assert_cmpint (line->moved, ==, 2 * PD_QTY_ONE);
  g_assert_cmpint (line->counted_qty, ==, 11 * PD_QTY_ONE);
  g_assert_cmpuint (line->n_counts, ==, 2);
  g_assert_cmpint (line->difference, ==, -1 * PD_QTY_ONE);
  line = _pd_stocktake_review_view_get_line (review, 0);
  g_assert_cmpstr (line->sku, ==, "LOT-1");
  g_assert_cmpstr (line->lot_code, ==, "L1");
  g_assert_true (line->has_difference);
  g_assert_cmpint (line->difference, ==, 0);
  line = _pd_stocktake_review_view_get_line (review, 2);
  g_assert_cmpstr (line->sku, ==, "SKU-2");
  g_assert_cmpint (line->moved, ==, 0);
  g_assert_cmpint (line->difference, ==, 2 * PD_QTY_ONE);
  g_assert_nonnull (strstr (_pd_stocktake_review_view_get_summary (review), "3 lines, 3 counted"));
  g_assert_nonnull (strstr (_pd_stocktake_review_view_get_summary (review), "2 with differences"));
  g_assert_nonnull (strstr (_pd_stocktake_review_view_get_summary (review), "net +1 pcs"));
  pd_gui_screenshot (GTK_WIDGET (f->gui->window), "stocktake-review");

  _pd_stocktake_review_view_set_differences_only (review, TRUE);
  g_assert_cmpuint (_pd_stocktake_review_view_get_n_shown (review), ==, 2);
  g_assert_cmpstr (_pd_stocktake_review_view_get_line (review, 0)->sku, ==, "SKU-1");
  g_assert_cmpstr (_pd_stocktake_review_view_get_line (review, 1)->sku, ==, "SKU-2");

  /* Post, confirmed with the number of adjustments. */
  dialog = _pd_stocktake_review_view_post (review);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Post 2 Adjustments?");
  respond (dialog, "post");
  PD_GUI_WAIT_UNTIL (!_pd_stocktake_review_view_is_busy (review));
  toast = g_strdup_printf ("Stocktake %" G_GINT64_FORMAT " posted with 2 adjustments.", id);
  g_assert_cmpstr (_pd_window_get_last_toast (f->gui->window), ==, toast);

  stocktake = pd_store_get_stocktake (f->gui->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (stocktake->status, ==, PD_STOCKTAKE_POSTED);
  ref = g_strdup_printf ("stocktake %" G_GINT64_FORMAT, id);
  sql = g_strdup_printf ("SELECT count(*) FROM stock_moves WHERE reason = 'adjustment' AND ref = '%s'", ref);
  g_assert_cmpint (pd_test_query_int (f->gui->store, sql), ==, 2);
  g_assert_cmpint (on_hand (f, f->sku1, f->loc.a01), ==, 11);
  g_assert_cmpint (on_hand (f, f->sku2, f->loc.a02), ==, 6);
  g_assert_cmpint (on_hand (f, f->sku1, f->loc.b01), ==, 3);
  pd_test_assert_stock_agrees (f->gui->store);

  /* The detail is read again: the count view no longer counts. */
  PD_GUI_WAIT_UNTIL (_pd_stocktakes_view_get_count_view (view) != count);
  count = _pd_stocktakes_view_get_count_view (view);
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (_pd_stocktake_count_view_get_entry (count))));
  review = _pd_stocktakes_view_get_review_view (view);
  g_assert_false (_pd_stocktake_review_view_can_post (review));

  g_clear_object (&other_user);
  g_clear_object (&other);
  fixture_free (f);
}

/* A blind count shows the warehouse role no book figures, here or in
 * the review, and gives it no Start, Post or Cancel. */
static void
test_blind (void)
{
  Fixture *f = fixture_new ();
  PdStocktakesView *view;
  PdStocktakeCountView *count;
  PdStocktakeReviewView *review;
  GPtrArray *lines;
  gint64 id;

  id = start_in_core (f, f->loc.z1, TRUE);
  view = open_stocktakes (f, "warehouse");
  g_assert_false (_pd_stocktakes_view_can_start (view));
  g_assert_true (_pd_stocktakes_view_get_stocktake (view, 0)->blind);
  pd_gui_screenshot (GTK_WIDGET (f->gui->window), "stocktake-list");
  open_one (view, id);
  count = _pd_stocktakes_view_get_count_view (view);

  scan (count, "A-02");
  scan (count, "SKU-2");
  type_qty (count, "4");
  scan (count, "");
  PD_GUI_WAIT_UNTIL (_pd_stocktake_count_view_get_n_recorded (count) == 1);
  PD_GUI_WAIT_UNTIL (!_pd_stocktake_count_view_is_loading (count) &&
                     _pd_stocktake_count_view_get_lines (count) != NULL &&
                     find_line (_pd_stocktake_count_view_get_lines (count), "SKU-2", "A-02")->counted);
  lines = _pd_stocktake_count_view_get_lines (count);
  g_assert_cmpuint (lines->len, ==, 3);
  for (guint i = 0; i < lines->len; i++)
    {
      PdStocktakeLine *line = g_ptr_array_index (lines, i);

      g_assert_false (line->has_expected);
      g_assert_cmpint (line->expected, ==, 0);
      g_assert_false (line->has_difference);
    }
  g_assert_false (_pd_stocktake_count_view_shows_expected (count));
  pd_gui_screenshot (GTK_WIDGET (f->gui->window), "stocktake-count-blind");

  _pd_stocktakes_view_show (view, "review");
  review = _pd_stocktakes_view_get_review_view (view);
  PD_GUI_WAIT_UNTIL (!_pd_stocktake_review_view_is_loading (review) &&
                     _pd_stocktake_review_view_get_n_shown (review) == 3);
  g_assert_false (_pd_stocktake_review_view_shows_book (review));
  g_assert_false (_pd_stocktake_review_view_can_post (review));
  g_assert_null (strstr (_pd_stocktake_review_view_get_summary (review), "net"));

  fixture_free (f);
}

/* Start from the dialog: a wrong SKU asks again, naming the field and
 * the value, and starts nothing; then a scope of a bin and one item;
 * the review exported as CSV; then cancelled. */
static void
test_start_export_cancel (void)
{
  Fixture *f = fixture_new ();
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  PdStocktakesView *view;
  PdStocktakeStartDialog *dialog;
  PdStocktakeCountView *count;
  PdStocktakeReviewView *review;
  const PdStocktake *stocktake;

  view = open_stocktakes (f, "supervisor");
  g_assert_cmpuint (_pd_stocktakes_view_get_n_stocktakes (view), ==, 0);

  dialog = _pd_stocktakes_view_start (view);
  PD_GUI_WAIT_UNTIL (!_pd_stocktake_start_dialog_is_loading (dialog));
  g_assert_true (_pd_stocktake_start_dialog_select_location (dialog, f->loc.a01));
  _pd_stocktake_start_dialog_set_skus (dialog, "SKU-1, NOPE");
  respond (ADW_MESSAGE_DIALOG (dialog), "start");
  PD_GUI_WAIT_UNTIL ((dialog = pd_gui_find_window (f->gui, PD_TYPE_STOCKTAKE_START_DIALOG)) != NULL &&
                     _pd_stocktake_start_dialog_get_error (dialog) != NULL);
  g_assert_nonnull (strstr (_pd_stocktake_start_dialog_get_error (dialog), "Items"));
  g_assert_nonnull (strstr (_pd_stocktake_start_dialog_get_error (dialog), "NOPE"));
  g_assert_cmpstr (pd_stocktake_start_dialog_get_skus (dialog), ==, "SKU-1, NOPE");
  g_assert_cmpint (pd_test_query_int (f->gui->store, "SELECT count(*) FROM stocktakes"), ==, 0);
  pd_gui_screenshot (GTK_WIDGET (dialog), "stocktake-start-refused");

  PD_GUI_WAIT_UNTIL (!_pd_stocktake_start_dialog_is_loading (dialog));
  g_assert_cmpint (pd_stocktake_start_dialog_get_location_id (dialog), ==, f->loc.a01);
  _pd_stocktake_start_dialog_set_skus (dialog, "SKU-1");
  respond (ADW_MESSAGE_DIALOG (dialog), "start");
  PD_GUI_WAIT_UNTIL (_pd_stocktakes_view_get_open_id (view) != 0);
  PD_GUI_WAIT_UNTIL (_pd_stocktakes_view_get_n_stocktakes (view) == 1);
  stocktake = _pd_stocktakes_view_get_stocktake (view, 0);
  g_assert_cmpint (stocktake->location_id, ==, f->loc.a01);
  g_assert_cmpuint (stocktake->item_ids->len, ==, 1);
  g_assert_cmpint (g_array_index (stocktake->item_ids, gint64, 0), ==, f->sku1);
  g_assert_false (stocktake->blind);

  /* Out of this scope: another item, another bin. */
  count = _pd_stocktakes_view_get_count_view (view);
  scan (count, "A-01");
  scan (count, "SKU-2");
  assert_message (count, FALSE, "SKU-2");
  scan (count, "A-02");
  assert_message (count, FALSE, "A-02");
  scan (count, "SKU-1");
  type_qty (count, "9.5");
  scan (count, "");
  PD_GUI_WAIT_UNTIL (_pd_stocktake_count_view_get_n_recorded (count) == 1);

  review = _pd_stocktakes_view_get_review_view (view);
  PD_GUI_WAIT_UNTIL (!_pd_stocktake_review_view_is_loading (review) &&
                     _pd_stocktake_review_view_get_n_shown (review) == 1 &&
                     _pd_stocktake_review_view_get_line (review, 0)->counted);
  path = g_build_filename (f->gui->data_dir, "review.csv", NULL);
  file = g_file_new_for_path (path);
  _pd_stocktake_review_view_export (review, file);
  PD_GUI_WAIT_UNTIL (!_pd_stocktake_review_view_is_busy (review));
  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (contents, ==,
                   "sku,location,lot,unit,expected,moved,counted,counts,difference\r\n"
                   "SKU-1,A-01,,pcs,10,0,9.5,1,-0.5\r\n");

  /* Cancelled: nothing is adjusted and nothing more is counted. */
  respond (_pd_stocktake_review_view_cancel (review), "cancel-stocktake");
  PD_GUI_WAIT_UNTIL (_pd_stocktakes_view_get_count_view (view) != count);
  count = _pd_stocktakes_view_get_count_view (view);
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (_pd_stocktake_count_view_get_entry (count))));
  assert_message (count, FALSE, "cancelled");
  g_assert_cmpint (pd_test_query_int (f->gui->store, "SELECT count(*) FROM stock_moves WHERE reason = 'adjustment'"), ==, 0);
  g_assert_cmpint (pd_test_query_int (f->gui->store, "SELECT count(*) FROM stocktakes WHERE status = 'cancelled'"), ==, 1);
  g_assert_cmpint (on_hand (f, f->sku1, f->loc.a01), ==, 10);
  pd_test_assert_stock_agrees (f->gui->store);

  fixture_free (f);
}

int
main (int   argc,
      char *argv[])
{
  pd_gui_test_init (&argc, &argv);

  pd_gui_test_add ("/gui/wms/stocktake/count-review-post", test_count_review_post);
  pd_gui_test_add ("/gui/wms/stocktake/blind", test_blind);
  pd_gui_test_add ("/gui/wms/stocktake/start-export-cancel", test_start_export_cancel);

  return g_test_run ();
}
