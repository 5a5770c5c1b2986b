/* test-gui-labels.c — the Warehouse section's Labels page: choose, preview,
 * save as PDF, and the print operation's pages
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-gui-labels"

#include "config.h"

#include <string.h>

#include "pd-gui-wms-test-utils.h"
#include "pd-store-wms.h"

typedef struct
{
  PdGuiFixture    *gui;
  PdUser          *admin;
  PdTestLocations  where;
  char            *out_dir;
} Fixture;

static Fixture *
fixture_new (void)
{
  Fixture *f = g_new0 (Fixture, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(PdItem) item = pd_item_new ();

  f->gui = pd_gui_fixture_new (TRUE);
  f->admin = pd_test_login (f->gui->store, "admin");
  pd_test_add_warehouses (f->gui->store, f->admin, "LOC-A-01", &f->where);

  item->sku = g_strdup ("BLT-M8X30");
  item->name = g_strdup ("六角螺栓 M8×30");
  item->unit = g_strdup ("件");
  g_ptr_array_add (item->barcodes, g_strdup ("6901234567892"));
  g_assert_true (pd_store_add_item (f->gui->store, f->admin, item, &error));
  g_assert_no_error (error);

  f->out_dir = g_dir_make_tmp ("test-gui-labels-XXXXXX", &error);
  g_assert_no_error (error);
  return f;
}

static void
fixture_free (Fixture *f)
{
  pd_test_rm_rf (f->out_dir);
  g_free (f->out_dir);
  g_clear_object (&f->admin);
  pd_gui_fixture_free (f->gui);
  g_free (f);
}

static PdLabelsView *
open_labels (Fixture *f)
{
  PdWarehousePage *page = pd_gui_open_warehouse (f->gui, "warehouse", "labels");
  PdLabelsView *view = _pd_warehouse_page_get_labels_view (page);

  g_assert_true (PD_IS_LABELS_VIEW (view));
  PD_GUI_WAIT_UNTIL (!_pd_labels_view_is_loading (view) && _pd_labels_view_get_n_shown (view) > 0);
  return view;
}

static char *
pdf_text (const char *pdf)
{
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", pdf, "-", NULL };
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  char *out = NULL;

  process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_successful (process));
  return out;
}

/* Choosing an item and a location shows them in the preview, which draws;
 * the list finds by search; copies and the layout change the pages. */
static void
test_preview (void)
{
  Fixture *f = fixture_new ();
  PdLabelsView *view = open_labels (f);
  GPtrArray *labels;
  guint drawn;

  /* Two items? One; six locations; no lots. */
  g_assert_cmpuint (_pd_labels_view_get_n_shown (view), ==, 7);
  _pd_labels_view_set_search (view, "a-0");
  g_assert_cmpuint (_pd_labels_view_get_n_shown (view), ==, 2);
  _pd_labels_view_set_search (view, "螺栓");
  g_assert_cmpuint (_pd_labels_view_get_n_shown (view), ==, 1);
  _pd_labels_view_set_search (view, "");

  g_assert_cmpuint (_pd_labels_view_get_n_pages (view), ==, 0);
  g_assert_false (_pd_labels_view_choose (view, PD_LABEL_ITEM, "NO-SUCH", TRUE));
  g_assert_true (_pd_labels_view_choose (view, PD_LABEL_ITEM, "BLT-M8X30", TRUE));
  g_assert_true (_pd_labels_view_choose (view, PD_LABEL_LOCATION, "A-01", TRUE));

  labels = _pd_labels_view_get_labels (view);
  g_assert_cmpuint (labels->len, ==, 2);
  g_assert_cmpstr (((PdLabel *) g_ptr_array_index (labels, 0))->payload, ==, "6901234567892");
  g_assert_cmpstr (((PdLabel *) g_ptr_array_index (labels, 1))->payload, ==, "LOC-A-01");
  g_assert_cmpuint (_pd_labels_view_get_n_pages (view), ==, 2);

  /* The preview draws labels once it is shown. */
  drawn = _pd_labels_view_get_n_previews (view);
  PD_GUI_WAIT_UNTIL (gtk_widget_get_mapped (_pd_labels_view_get_preview (view)) &&
                     _pd_labels_view_get_n_previews (view) > drawn);
  pd_gui_screenshot (GTK_WIDGET (f->gui->window), "labels-roll");

  _pd_labels_view_set_copies (view, 3);
  g_assert_cmpuint (_pd_labels_view_get_labels (view)->len, ==, 6);
  g_assert_cmpuint (_pd_labels_view_get_n_pages (view), ==, 6);
  _pd_labels_view_set_layout (view, PD_LABEL_LAYOUT_SHEET);
  g_assert_cmpuint (_pd_labels_view_get_n_pages (view), ==, 1);
  drawn = _pd_labels_view_get_n_previews (view);
  PD_GUI_WAIT_UNTIL (_pd_labels_view_get_n_previews (view) > drawn);
  pd_gui_screenshot (GTK_WIDGET (f->gui->window), "labels-sheet");

  /* A choice survives a reload after the stock changes. */
  pd_test_add_item (f->gui->store, f->admin, "NUT-M8", "pcs", NULL, FALSE);
  PD_GUI_WAIT_UNTIL (!_pd_labels_view_is_loading (view) && _pd_labels_view_get_n_shown (view) == 8);
  g_assert_cmpuint (_pd_labels_view_get_labels (view)->len, ==, 6);

  _pd_labels_view_choose (view, PD_LABEL_ITEM, "BLT-M8X30", FALSE);
  _pd_labels_view_choose (view, PD_LABEL_LOCATION, "A-01", FALSE);
  g_assert_cmpuint (_pd_labels_view_get_n_pages (view), ==, 0);

  fixture_free (f);
}

/* Save as PDF writes, in a worker, a file whose text pdftotext reads; the
 * print operation has the layout's pages. */
static void
test_save_pdf (void)
{
  Fixture *f = fixture_new ();
  PdLabelsView *view = open_labels (f);
  g_autofree char *path = g_build_filename (f->out_dir, "labels.pdf", NULL);
  g_autofree char *export = g_build_filename (f->out_dir, "printed.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *printed = NULL;
  g_autofree char *pdftotext = NULL;
  int n_pages = 0;

  g_assert_true (_pd_labels_view_choose (view, PD_LABEL_ITEM, "BLT-M8X30", TRUE));
  g_assert_true (_pd_labels_view_choose (view, PD_LABEL_LOCATION, "A-01", TRUE));

  _pd_labels_view_save_pdf (view, file);
  g_assert_true (_pd_labels_view_is_saving (view));
  PD_GUI_WAIT_UNTIL (!_pd_labels_view_is_saving (view));
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  pdftotext = g_find_program_in_path ("pdftotext");
  if (pdftotext == NULL)
    {
      g_test_skip ("pdftotext is not installed (Debian: poppler-utils)");
      fixture_free (f);
      return;
    }
  text = pdf_text (path);
  g_assert_nonnull (strstr (text, "BLT-M8X30"));
  g_assert_nonnull (strstr (text, "六角螺栓 M8×30"));
  g_assert_nonnull (strstr (text, "WH1 › Z1 › A-01"));

  /* The print operation draws the same pages: exported to a file here,
   * as the print dialog's “Print to File” does. */
  operation = _pd_labels_view_new_print_operation (view);
  g_object_get (operation, "n-pages", &n_pages, NULL);
  g_assert_cmpint (n_pages, ==, 2);
  gtk_print_operation_set_allow_async (operation, FALSE);
  gtk_print_operation_set_export_filename (operation, export);
  g_assert_cmpint (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT, NULL, &error),
                   ==, GTK_PRINT_OPERATION_RESULT_APPLY);
  g_assert_no_error (error);
  printed = pdf_text (export);
  g_assert_nonnull (strstr (printed, "六角螺栓 M8×30"));
  g_assert_nonnull (strstr (printed, "LOC-A-01"));

  fixture_free (f);
}

int
main (int   argc,
      char *argv[])
{
  pd_gui_test_init (&argc, &argv);

  pd_gui_test_add ("/gui/labels/preview", test_preview);
  pd_gui_test_add ("/gui/labels/save-pdf", test_save_pdf);

  return g_test_run ();
}
