/* test-labels.c — labels: QR codes that decode to what a scan accepts,
 * Chinese text in PDFs, the layouts' pages, and plantdesk-ctl label pdf
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-labels"

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "pd-ctl-test-utils.h"
#include "pd-label-read.h"
#include "pd-label.h"
#include "pd-store-wms.h"
#include "pd-test-utils.h"

/* Device pixels a point when a label is rendered for zbarimg: 4 is about
 * 288 dpi, a modest label printer. */
#define RENDER_SCALE 4.0

typedef struct
{
  char    *dir;
  PdStore *store;
  PdUser  *admin;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->store = pd_test_store_open_populated (&f->dir);
  f->admin = pd_test_login (f->store, "admin");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->admin);
  g_assert_finalize_object (f->store);
  pd_test_rm_rf (f->dir);
  g_free (f->dir);
}

/* Runs ARGV and returns its standard output, or NULL when it failed. */
static char *
run_tool (const char * const *argv)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  char *out = NULL;

  process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  if (!g_subprocess_get_if_exited (process) || g_subprocess_get_exit_status (process) != 0)
    {
      g_free (out);
      return NULL;
    }
  return out;
}

static gboolean
have_tool (const char *name)
{
  g_autofree char *path = g_find_program_in_path (name);

  if (path == NULL)
    {
      g_autofree char *message = g_strdup_printf ("%s is not installed (Debian: see build-aux/deps.sh)", name);

      g_test_skip (message);
      return FALSE;
    }
  return TRUE;
}

/* Renders LABEL as a roll label to a PNG in DIR and returns what zbarimg
 * reads from it, without the trailing newline. */
static char *
decode_label (const PdLabel *label,
              const char    *dir)
{
  g_autofree char *png = g_build_filename (dir, "label.png", NULL);
  const char *argv[] = { "zbarimg", "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", png, NULL };
  cairo_surface_t *surface;
  cairo_t *cr;
  double width, height;
  char *out;

  pd_label_layout_get_page_size (PD_LABEL_LAYOUT_ROLL, &width, &height);
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) ceil (width * RENDER_SCALE),
                                        (int) ceil (height * RENDER_SCALE));
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, RENDER_SCALE, RENDER_SCALE);
  g_assert_true (pd_label_render (cr, label, width, height));
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_write_to_png (surface, png), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);

  out = run_tool (argv);
  g_assert_nonnull (out);
  g_strchomp (out);
  return out;
}

static void
async_result_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static void
assert_resolves_to (PdStore    *store,
                    const char *code,
                    gint64      item_id,
                    gint64      location_id)
{
  g_autoptr(GError) error = NULL;
  gint64 found_item = -1;
  gint64 found_location = -1;

  g_assert_true (pd_store_resolve_code (store, code, &found_item, &found_location, &error));
  g_assert_no_error (error);
  g_assert_cmpint (found_item, ==, item_id);
  g_assert_cmpint (found_location, ==, location_id);
}

/* Each label's QR code decodes to exactly the payload, and the payload is
 * what the scan path resolves back to the thing labelled. */
static void
test_qr_decodes (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) locations = NULL;
  g_autoptr(PdItem) with_barcode = NULL;
  g_autoptr(PdItem) without = NULL;
  g_autoptr(PdLabel) item_label = NULL;
  g_autoptr(PdLabel) sku_label = NULL;
  g_autoptr(PdLabel) bin_label = NULL;
  g_autoptr(PdLabel) zone_label = NULL;
  g_autofree char *decoded = NULL;
  g_autofree char *path = NULL;
  PdTestLocations where;
  gint64 id1, id2;

  if (!have_tool ("zbarimg"))
    return;

  pd_test_add_warehouses (f->store, f->admin, "LOC-A-01", &where);
  id1 = pd_test_add_item (f->store, f->admin, "BLT-M8X30", "pcs", "6901234567892", FALSE);
  id2 = pd_test_add_item (f->store, f->admin, "NUT-M8", "pcs", NULL, FALSE);

  with_barcode = pd_store_get_item (f->store, id1, &error);
  g_assert_no_error (error);
  item_label = pd_label_new_for_item (with_barcode);
  g_assert_cmpstr (item_label->payload, ==, "6901234567892");
  decoded = decode_label (item_label, f->dir);
  g_assert_cmpstr (decoded, ==, "6901234567892");
  assert_resolves_to (f->store, decoded, id1, 0);
  g_clear_pointer (&decoded, g_free);

  without = pd_store_get_item (f->store, id2, &error);
  g_assert_no_error (error);
  sku_label = pd_label_new_for_item (without);
  decoded = decode_label (sku_label, f->dir);
  g_assert_cmpstr (decoded, ==, "NUT-M8");
  assert_resolves_to (f->store, decoded, id2, 0);
  g_clear_pointer (&decoded, g_free);

  locations = pd_store_list_locations (f->store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < locations->len; i++)
    {
      const PdLocation *location = g_ptr_array_index (locations, i);

      if (location->id == where.a01)
        {
          path = pd_label_location_path (locations, location);
          bin_label = pd_label_new_for_location (location, path);
        }
      else if (location->id == where.z1)
        zone_label = pd_label_new_for_location (location, NULL);
    }
  g_assert_cmpstr (path, ==, "WH1 › Z1 › A-01");
  g_assert_nonnull (bin_label);
  decoded = decode_label (bin_label, f->dir);
  g_assert_cmpstr (decoded, ==, "LOC-A-01");
  assert_resolves_to (f->store, decoded, 0, where.a01);
  g_clear_pointer (&decoded, g_free);

  g_assert_nonnull (zone_label);
  decoded = decode_label (zone_label, f->dir);
  g_assert_cmpstr (decoded, ==, "Z1");
  assert_resolves_to (f->store, decoded, 0, where.z1);
}

/* A lot's label holds its code: what the scan view takes after a
 * lot-tracked item; the reader of the app's list makes the same labels. */
static void
test_lot_and_read (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) moves = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_stock_move_free);
  g_autoptr(GPtrArray) labels = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *decoded = NULL;
  PdStockMove *move = pd_stock_move_new ();
  PdTestLocations where;
  const PdLabel *lot_label = NULL;
  guint n_items = 0, n_locations = 0;
  gint64 item_id;

  pd_test_add_warehouses (f->store, f->admin, NULL, &where);
  item_id = pd_test_add_item (f->store, f->admin, "HSG-100", "pcs", "6901234567922", TRUE);
  move->item_id = item_id;
  move->to_location = where.a02;
  move->qty = 12 * PD_QTY_ONE;
  move->reason = PD_MOVE_RECEIPT;
  move->lot_code = g_strdup ("L2611-07");
  g_ptr_array_add (moves, move);
  g_assert_true (pd_store_post_moves (f->store, f->admin, moves, &error));
  g_assert_no_error (error);

  pd_label_read_all_async (pd_store_get_path (f->store), NULL, async_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  labels = pd_label_read_all_finish (result, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < labels->len; i++)
    {
      const PdLabel *label = g_ptr_array_index (labels, i);

      if (label->kind == PD_LABEL_ITEM)
        {
          n_items++;
          g_assert_cmpstr (label->payload, ==, "6901234567922");
        }
      else if (label->kind == PD_LABEL_LOCATION)
        {
          /* Depth first: WH1, Z1, A-01, A-02, WH2, B-01. */
          static const char * const order[] = { "WH1", "Z1", "A-01", "A-02", "WH2", "B-01" };

          g_assert_cmpuint (n_locations, <, G_N_ELEMENTS (order));
          g_assert_cmpstr (label->title, ==, order[n_locations]);
          n_locations++;
        }
      else
        lot_label = label;
    }
  g_assert_cmpuint (n_items, ==, 1);
  g_assert_cmpuint (n_locations, ==, 6);
  g_assert_nonnull (lot_label);
  g_assert_cmpstr (lot_label->payload, ==, "L2611-07");
  g_assert_cmpstr (g_ptr_array_index (lot_label->lines, 0), ==, "HSG-100");

  if (!have_tool ("zbarimg"))
    return;
  decoded = decode_label (lot_label, f->dir);
  g_assert_cmpstr (decoded, ==, "L2611-07");
}

static PdLabel *
chinese_label (guint i)
{
  g_autoptr(PdItem) item = pd_item_new ();

  item->id = i + 1;
  item->sku = g_strdup_printf ("ZH-%02u", i);
  item->name = g_strdup_printf ("六角螺栓 %u 号", i);
  item->unit = g_strdup ("件");
  return pd_label_new_for_item (item);
}

static char *
pdf_info_pages (const char *pdf)
{
  const char *argv[] = { "pdfinfo", pdf, NULL };
  g_autofree char *out = run_tool (argv);
  const char *line;

  g_assert_nonnull (out);
  line = strstr (out, "Pages:");
  g_assert_nonnull (line);
  line += strlen ("Pages:");
  while (*line == ' ')
    line++;
  return g_strndup (line, strcspn (line, "\n"));
}

/* Chinese names come back out of the PDF as text. */
static void
test_pdf_chinese (void)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_label_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("test-labels-XXXXXX", &error);
  g_autofree char *pdf = g_build_filename (dir, "labels.pdf", NULL);
  g_autofree char *text = NULL;
  g_autofree char *pages = NULL;
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", pdf, "-", NULL };

  g_assert_no_error (error);
  for (guint i = 0; i < 3; i++)
    g_ptr_array_add (labels, chinese_label (i));

  g_assert_true (pd_labels_write_pdf (pdf, labels, PD_LABEL_LAYOUT_ROLL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));

  if (have_tool ("pdftotext"))
    {
      text = run_tool (argv);
      g_assert_nonnull (text);
      pd_ctl_test_assert_contains (text, "六角螺栓 0 号");
      pd_ctl_test_assert_contains (text, "六角螺栓 2 号");
      pd_ctl_test_assert_contains (text, "ZH-01");
      pd_ctl_test_assert_contains (text, "件");
      pages = pdf_info_pages (pdf);
      g_assert_cmpstr (pages, ==, "3");
    }

  /* Nothing to write is an error, and no file. */
  g_ptr_array_set_size (labels, 0);
  g_remove (pdf);
  g_assert_false (pd_labels_write_pdf (pdf, labels, PD_LABEL_LAYOUT_ROLL, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));

  pd_test_rm_rf (dir);
}

/* A4 sheets hold 24 labels: 25 take two pages; cells stay on the page. */
static void
test_sheet_layout (void)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_label_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("test-labels-XXXXXX", &error);
  g_autofree char *pdf = g_build_filename (dir, "sheet.pdf", NULL);
  double page_w, page_h;
  PdLabelLayout layout;

  g_assert_no_error (error);
  g_assert_cmpuint (pd_label_layout_get_per_page (PD_LABEL_LAYOUT_SHEET), ==, 24);
  g_assert_cmpuint (pd_label_layout_get_n_pages (PD_LABEL_LAYOUT_SHEET, 0), ==, 0);
  g_assert_cmpuint (pd_label_layout_get_n_pages (PD_LABEL_LAYOUT_SHEET, 24), ==, 1);
  g_assert_cmpuint (pd_label_layout_get_n_pages (PD_LABEL_LAYOUT_SHEET, 25), ==, 2);
  g_assert_cmpuint (pd_label_layout_get_n_pages (PD_LABEL_LAYOUT_ROLL, 25), ==, 25);
  g_assert_true (pd_label_layout_from_string ("sheet", &layout));
  g_assert_cmpint (layout, ==, PD_LABEL_LAYOUT_SHEET);
  g_assert_false (pd_label_layout_from_string ("a4", &layout));

  pd_label_layout_get_page_size (PD_LABEL_LAYOUT_SHEET, &page_w, &page_h);
  g_assert_cmpfloat_with_epsilon (page_w, 595.28, 0.01);
  g_assert_cmpfloat_with_epsilon (page_h, 841.89, 0.01);
  for (guint i = 0; i < 24; i++)
    {
      double x, y, w, h;

      pd_label_layout_get_cell (PD_LABEL_LAYOUT_SHEET, i, &x, &y, &w, &h);
      g_assert_cmpfloat_with_epsilon (w, PD_LABEL_MM_TO_PT (70), 0.001);
      g_assert_cmpfloat_with_epsilon (h, PD_LABEL_MM_TO_PT (37), 0.001);
      g_assert_cmpfloat (x, >=, 0);
      g_assert_cmpfloat (y, >, 0);
      g_assert_cmpfloat (x + w, <=, page_w + 0.001);
      g_assert_cmpfloat (y + h, <, page_h);
    }

  for (guint i = 0; i < 25; i++)
    g_ptr_array_add (labels, chinese_label (i));
  g_assert_true (pd_labels_write_pdf (pdf, labels, PD_LABEL_LAYOUT_SHEET, &error));
  g_assert_no_error (error);
  if (have_tool ("pdfinfo"))
    {
      g_autofree char *pages = pdf_info_pages (pdf);

      g_assert_cmpstr (pages, ==, "2");
    }

  pd_test_rm_rf (dir);
}

/* plantdesk-ctl label pdf: what it writes, and unknown codes refused. */
static void
test_ctl (Fixture       *f,
          gconstpointer  data)
{
  g_autofree char *pdf = g_build_filename (f->dir, "labels.pdf", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) moves = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_stock_move_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  PdStockMove *move = pd_stock_move_new ();
  PdTestLocations where;
  JsonObject *object;
  gint64 lot_item;

  pd_test_add_warehouses (f->store, f->admin, "LOC-A-01", &where);
  pd_test_add_item (f->store, f->admin, "BLT-M8X30", "pcs", "6901234567892", FALSE);
  lot_item = pd_test_add_item (f->store, f->admin, "HSG-100", "pcs", NULL, TRUE);
  move->item_id = lot_item;
  move->to_location = where.a01;
  move->qty = PD_QTY_ONE;
  move->reason = PD_MOVE_RECEIPT;
  move->lot_code = g_strdup ("L1");
  g_ptr_array_add (moves, move);
  g_assert_true (pd_store_post_moves (f->store, f->admin, moves, &error));
  g_assert_no_error (error);

  {
    /* Unknown codes: all of them named, exit 1, nothing written. */
    const char *args[] = { "label", "pdf", pdf, "--item", "NOPE-1", "--location", "A-01",
                           "--location", "NOWHERE", "--lot", "HSG-100:L9", NULL };
    g_autoptr(PdCtlRun) run = pd_ctl_test_run (f->dir, PD_CTL_TEST_AS ("warehouse"), args);

    pd_ctl_test_assert_failed (run);
    pd_ctl_test_assert_contains (run->err, "NOPE-1");
    pd_ctl_test_assert_contains (run->err, "NOWHERE");
    pd_ctl_test_assert_contains (run->err, "HSG-100:L9");
    g_assert_null (strstr (run->err, "A-01"));
    g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));
  }
  {
    /* Nothing chosen, a bad layout, a malformed lot. */
    const char *none[] = { "label", "pdf", pdf, NULL };
    const char *layout[] = { "label", "pdf", pdf, "--all-items", "--layout", "a4", NULL };
    const char *lot[] = { "label", "pdf", pdf, "--lot", "HSG-100", NULL };
    g_autoptr(PdCtlRun) run1 = pd_ctl_test_run (f->dir, PD_CTL_TEST_AS ("warehouse"), none);
    g_autoptr(PdCtlRun) run2 = pd_ctl_test_run (f->dir, PD_CTL_TEST_AS ("warehouse"), layout);
    g_autoptr(PdCtlRun) run3 = pd_ctl_test_run (f->dir, PD_CTL_TEST_AS ("warehouse"), lot);

    pd_ctl_test_assert_usage_error (run1);
    pd_ctl_test_assert_contains (run1->err, "--all-items");
    pd_ctl_test_assert_usage_error (run2);
    pd_ctl_test_assert_contains (run2->err, "a4");
    pd_ctl_test_assert_failed (run3);
    pd_ctl_test_assert_contains (run3->err, "SKU:LOT");
    g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));
  }
  {
    /* Everything on sheets: 2 items + 6 locations + 1 lot, twice: 18
     * labels on one page. */
    const char *args[] = { "--json", "label", "pdf", pdf, "--all-items", "--all-locations",
                           "--lot", "HSG-100:L1", "--layout", "sheet", "--copies", "2", NULL };
    g_autoptr(PdCtlRun) run = pd_ctl_test_run (f->dir, PD_CTL_TEST_AS ("warehouse"), args);

    pd_ctl_test_assert_ok (run);
    node = pd_ctl_test_parse_json (run->out);
    object = pd_ctl_test_node_get_object (node);
    g_assert_cmpint (json_object_get_int_member (object, "labels"), ==, 18);
    g_assert_cmpint (json_object_get_int_member (object, "pages"), ==, 1);
    g_assert_cmpstr (json_object_get_string_member (object, "layout"), ==, "sheet");
    g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));
  }

  if (have_tool ("pdftotext"))
    {
      const char *argv[] = { "pdftotext", "-enc", "UTF-8", pdf, "-", NULL };

      text = run_tool (argv);
      g_assert_nonnull (text);
      pd_ctl_test_assert_contains (text, "BLT-M8X30");
      pd_ctl_test_assert_contains (text, "WH1 › Z1 › A-01");
      pd_ctl_test_assert_contains (text, "L1");
    }

  {
    /* By barcode and code, on a roll: one page a label. */
    const char *args[] = { "label", "pdf", pdf, "--item", "6901234567892", "--location", "LOC-A-01",
                           "--location", "b-01", NULL };
    g_autoptr(PdCtlRun) run = pd_ctl_test_run (f->dir, PD_CTL_TEST_AS ("warehouse"), args);

    pd_ctl_test_assert_ok (run);
    pd_ctl_test_assert_contains (run->out, "3 labels");
    if (have_tool ("pdfinfo"))
      {
        g_autofree char *pages = pdf_info_pages (pdf);

        g_assert_cmpstr (pages, ==, "3");
      }
  }
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/labels/qr-decodes", test_qr_decodes);
  ADD ("/labels/lot-and-read", test_lot_and_read);
  g_test_add_func ("/labels/pdf-chinese", test_pdf_chinese);
  g_test_add_func ("/labels/sheet-layout", test_sheet_layout);
  ADD ("/labels/ctl", test_ctl);
#undef ADD

  ret = g_test_run ();

  pd_test_populated_template_free ();
  return ret;
}
