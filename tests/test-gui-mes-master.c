/* test-gui-mes-master.c — the master data of production in the app: work
 * centers with their shift calendars, products' bills of materials and
 * routings, as supervisors define them and others read them
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-gui-mes-master"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pd-gui-test-utils.h"
#include "pd-store-mes.h"
#include "mes/pd-bom-editor.h"
#include "mes/pd-products-view.h"
#include "mes/pd-routing-editor.h"
#include "mes/pd-work-center-dialog.h"
#include "mes/pd-work-centers-view.h"

#define VIEW_WIDTH (1280 - 261)

typedef struct
{
  PdGuiFixture *gui;
  PdUser       *admin;
  PdUser       *user;
  GtkWindow    *window;
  GtkWidget    *view;
} Fixture;

/* Items P, SUB, STEEL, SCREW; device PLC with counters good, scrap and
 * running; warehouse WH1 with bin A-01; work center MILL (kind mill). */
static Fixture *
fixture_new (const char *user)
{
  Fixture *f = g_new0 (Fixture, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(PdWorkCenter) mill = pd_work_center_new ();
  PdShift shift = { 0, };
  gint64 wh1, plc;

  f->gui = pd_gui_fixture_new (TRUE);
  f->admin = pd_test_login (f->gui->store, "admin");
  f->user = pd_test_login (f->gui->store, user);
  for (const char * const *sku = (const char * const []) { "P", "SUB", "STEEL", "SCREW", NULL }; *sku; sku++)
    pd_test_add_item (f->gui->store, f->admin, *sku, "pcs", NULL, FALSE);
  plc = pd_test_store_add_device (f->gui->store, f->admin, "PLC");
  pd_test_store_add_tag (f->gui->store, f->admin, plc, "good", PD_AREA_HOLDING, 10, PD_TAG_TYPE_UINT16, NULL);
  pd_test_store_add_tag (f->gui->store, f->admin, plc, "scrap", PD_AREA_HOLDING, 11, PD_TAG_TYPE_UINT16, NULL);
  pd_test_store_add_tag (f->gui->store, f->admin, plc, "running", PD_AREA_COIL, 0, PD_TAG_TYPE_BOOL, NULL);
  wh1 = pd_test_add_location (f->gui->store, f->admin, PD_LOCATION_WAREHOUSE, "WH1", NULL, 0);
  pd_test_add_location (f->gui->store, f->admin, PD_LOCATION_BIN, "A-01", NULL, wh1);

  mill->code = g_strdup ("MILL");
  mill->name = g_strdup ("Mill");
  mill->kind = g_strdup ("mill");
  g_assert_true (pd_shift_parse ("mon-fri:06:00-14:00", &shift, &error));
  pd_work_center_add_shift (mill, &shift);
  pd_shift_clear (&shift);
  g_assert_true (pd_store_add_work_center (f->gui->store, f->admin, mill, &error));
  g_assert_no_error (error);
  return f;
}

static void
show_view (Fixture   *f,
           GtkWidget *view)
{
  f->view = view;
  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, VIEW_WIDTH, 760);
  gtk_window_set_child (f->window, view);
  gtk_window_present (f->window);
}

static void
fixture_free (Fixture *f)
{
  if (f->window != NULL)
    gtk_window_destroy (f->window);
  pd_gui_flush ();
  g_clear_object (&f->admin);
  g_clear_object (&f->user);
  pd_gui_fixture_free (f->gui);
  g_free (f);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Fixture, fixture_free)

static void
assert_fits (GtkWidget *widget)
{
  int natural = 0;

  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
  g_test_message ("natural width %d", natural);
  g_assert_cmpint (natural, <=, VIEW_WIDTH);
}

static gboolean
strv_contains (GStrv       strv,
               const char *value)
{
  return g_strv_contains ((const char * const *) strv, value);
}

/* --- Work centers ------------------------------------------------------------- */

static guint
find_row (PdWorkCentersView *view,
          const char        *code)
{
  for (guint i = 0; i < _pd_work_centers_view_get_n_rows (view); i++)
    if (g_str_equal (_pd_work_centers_view_get_row (view, i)->code, code))
      return i;
  return G_MAXUINT;
}

static void
test_work_center_add (void)
{
  g_autoptr(Fixture) f = fixture_new ("supervisor");
  PdWorkCentersView *view;
  PdWorkCenterDialog *dialog;
  g_autoptr(PdWorkCenter) stored = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) tags = NULL;
  g_auto(GStrv) locations = NULL;
  g_autofree char *shifts_cell = NULL;
  const PdShift *shift;
  guint bad, row;
  gint64 week;

  show_view (f, pd_work_centers_view_new (f->gui->store, f->user));
  view = PD_WORK_CENTERS_VIEW (f->view);
  PD_GUI_WAIT_UNTIL (!_pd_work_centers_view_is_busy (view) && _pd_work_centers_view_get_n_rows (view) == 1);
  g_assert_true (_pd_work_centers_view_can_edit (view));
  g_assert_cmpstr (_pd_work_centers_view_get_row (view, 0)->code, ==, "MILL");
  assert_fits (f->view);

  dialog = _pd_work_centers_view_open_dialog (view, G_MAXUINT);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  PD_GUI_WAIT_UNTIL (_pd_work_center_dialog_is_loaded (dialog));

  /* The tags of the devices and the warehouse's locations to choose from. */
  tags = _pd_work_center_dialog_get_choices (dialog, "good-tag");
  g_assert_true (strv_contains (tags, "PLC/good"));
  g_assert_true (strv_contains (tags, "PLC/running"));
  locations = _pd_work_center_dialog_get_choices (dialog, "from-location");
  g_assert_true (strv_contains (locations, "WH1"));
  g_assert_true (strv_contains (locations, "A-01"));

  _pd_work_center_dialog_set_field (dialog, "code", "PRESS-1");
  _pd_work_center_dialog_set_field (dialog, "name", "Press 1");
  _pd_work_center_dialog_set_field (dialog, "line", "L1");
  _pd_work_center_dialog_set_field (dialog, "kind", "press");
  _pd_work_center_dialog_set_field (dialog, "capacity", "2");
  g_assert_true (_pd_work_center_dialog_choose (dialog, "good-tag", "PLC/good"));
  g_assert_true (_pd_work_center_dialog_choose (dialog, "running-tag", "PLC/running"));
  g_assert_true (_pd_work_center_dialog_choose (dialog, "from-location", "A-01"));
  g_assert_true (_pd_work_center_dialog_choose (dialog, "to-location", "WH1"));

  /* A shift with a break; the preview counts 7 h 30 min a working day. */
  g_assert_cmpuint (_pd_work_center_dialog_add_shift (dialog, "mon-fri", "06:00", "14:00", "10:00-10:30"), ==, 0);
  g_assert_null (_pd_work_center_dialog_get_shift_error (dialog, 0));
  week = _pd_work_center_dialog_get_preview_us (dialog);
  /* Any 7 days in a row hold each weekday once. */
  g_assert_cmpint (week, ==, 5 * (gint64) 450 * 60 * G_USEC_PER_SEC);

  /* A bad shift: its message under its row, at once, and Save refuses. */
  bad = _pd_work_center_dialog_add_shift (dialog, "sat", "25:00", "12:00", NULL);
  g_assert_nonnull (_pd_work_center_dialog_get_shift_error (dialog, bad));
  g_assert_nonnull (strstr (_pd_work_center_dialog_get_shift_error (dialog, bad), "25:00"));
  g_assert_cmpint (_pd_work_center_dialog_get_preview_us (dialog), ==, -1);
  _pd_work_center_dialog_save (dialog);
  g_assert_false (_pd_work_center_dialog_is_busy (dialog));
  g_assert_nonnull (_pd_work_center_dialog_get_error (dialog));
  g_assert_nonnull (strstr (_pd_work_center_dialog_get_error (dialog), "25:00"));
  g_assert_cmpint (pd_test_count_rows (f->gui->store, "work_centers"), ==, 1);

  /* A break outside its shift: the core's message in place. */
  _pd_work_center_dialog_remove_shift (dialog, bad);
  bad = _pd_work_center_dialog_add_shift (dialog, "sat", "08:00", "12:00", "13:00-13:15");
  g_assert_nonnull (_pd_work_center_dialog_get_shift_error (dialog, bad));
  _pd_work_center_dialog_remove_shift (dialog, bad);
  g_assert_cmpuint (_pd_work_center_dialog_get_n_shifts (dialog), ==, 1);

  /* A bad exception date, then a good holiday. */
  bad = _pd_work_center_dialog_add_exception (dialog, "2026-02-30", TRUE, NULL, NULL, NULL);
  g_assert_nonnull (_pd_work_center_dialog_get_exception_error (dialog, bad));
  g_assert_nonnull (strstr (_pd_work_center_dialog_get_exception_error (dialog, bad), "2026-02-30"));
  pd_gui_screenshot (GTK_WIDGET (dialog), "mes-work-center-dialog-errors");
  _pd_work_center_dialog_save (dialog);
  g_assert_nonnull (strstr (_pd_work_center_dialog_get_error (dialog), "2026-02-30"));
  g_assert_cmpint (pd_test_count_rows (f->gui->store, "work_centers"), ==, 1);
  /* Fixed in place. */
  _pd_work_center_dialog_set_exception_date (dialog, bad, "2026-12-24");
  g_assert_null (_pd_work_center_dialog_get_exception_error (dialog, bad));

  _pd_work_center_dialog_save (dialog);
  PD_GUI_WAIT_UNTIL (dialog == NULL);

  stored = pd_store_find_work_center (f->gui->store, "PRESS-1", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stored->name, ==, "Press 1");
  g_assert_cmpstr (stored->line, ==, "L1");
  g_assert_cmpstr (stored->kind, ==, "press");
  g_assert_cmpuint (stored->capacity, ==, 2);
  g_assert_cmpstr (stored->good_tag, ==, "PLC/good");
  g_assert_null (stored->scrap_tag);
  g_assert_cmpstr (stored->running_tag, ==, "PLC/running");
  g_assert_cmpstr (stored->from_location, ==, "A-01");
  g_assert_cmpstr (stored->to_location, ==, "WH1");
  g_assert_cmpuint (stored->shifts->len, ==, 1);
  shift = &g_array_index (stored->shifts, PdShift, 0);
  g_assert_cmpuint (shift->start_min, ==, 6 * 60);
  g_assert_cmpuint (shift->end_min, ==, 14 * 60);
  g_assert_cmpuint (shift->breaks->len, ==, 1);
  g_assert_cmpuint (g_array_index (shift->breaks, PdBreak, 0).start_min, ==, 10 * 60);
  g_assert_cmpuint (stored->exceptions->len, ==, 1);
  g_assert_cmpint (g_array_index (stored->exceptions, PdCalendarException, 0).kind, ==, PD_EXCEPTION_CLOSED);

  /* The list reads it again on "mes-master-changed". */
  PD_GUI_WAIT_UNTIL (!_pd_work_centers_view_is_busy (view) && _pd_work_centers_view_get_n_rows (view) == 2);
  row = find_row (view, "PRESS-1");
  g_assert_cmpuint (row, !=, G_MAXUINT);
  shifts_cell = _pd_work_centers_view_get_cell (view, row, 5);
  g_assert_nonnull (strstr (shifts_cell, "mon-fri:06:00-14:00/10:00-10:30"));
  pd_gui_screenshot (GTK_WIDGET (f->window), "mes-work-centers");

  /* Edited: the dialog shows what is stored; a change of capacity is saved. */
  _pd_work_centers_view_select (view, row);
  dialog = _pd_work_centers_view_open_dialog (view, row);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_assert_cmpuint (_pd_work_center_dialog_get_n_shifts (dialog), ==, 1);
  g_assert_null (_pd_work_center_dialog_get_shift_error (dialog, 0));
  /* Christmas Eve may be among the next 7 days. */
  g_assert_cmpint (_pd_work_center_dialog_get_preview_us (dialog), >=, week - (gint64) 450 * 60 * G_USEC_PER_SEC);
  _pd_work_center_dialog_set_field (dialog, "capacity", "3");
  _pd_work_center_dialog_save (dialog);
  PD_GUI_WAIT_UNTIL (dialog == NULL);
  g_clear_pointer (&stored, pd_work_center_free);
  stored = pd_store_find_work_center (f->gui->store, "PRESS-1", &error);
  g_assert_cmpuint (stored->capacity, ==, 3);
  g_assert_cmpuint (stored->exceptions->len, ==, 1);
  PD_GUI_WAIT_UNTIL (!_pd_work_centers_view_is_busy (view) &&
                     _pd_work_centers_view_get_row (view, find_row (view, "PRESS-1"))->capacity == 3);
}

/* An operator reads the list and edits nothing. */
static void
test_work_centers_read_only (void)
{
  g_autoptr(Fixture) f = fixture_new ("operator");
  PdWorkCentersView *view;

  show_view (f, pd_work_centers_view_new (f->gui->store, f->user));
  view = PD_WORK_CENTERS_VIEW (f->view);
  PD_GUI_WAIT_UNTIL (!_pd_work_centers_view_is_busy (view) && _pd_work_centers_view_get_n_rows (view) == 1);
  g_assert_false (_pd_work_centers_view_can_edit (view));
  g_assert_null (_pd_work_centers_view_open_dialog (view, 0));
}

/* --- Products: BOM and routing ---------------------------------------------- */

static PdProductsView *
show_products (Fixture    *f,
               const char *sku)
{
  PdProductsView *view;

  show_view (f, pd_products_view_new (f->gui->store, f->user));
  view = PD_PRODUCTS_VIEW (f->view);
  PD_GUI_WAIT_UNTIL (!_pd_products_view_is_busy (view));
  g_assert_true (_pd_products_view_choose (view, sku));
  PD_GUI_WAIT_UNTIL (!_pd_products_view_is_busy (view));
  return view;
}

static gint64
item_id (Fixture    *f,
         const char *sku)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdItem) item = pd_store_find_item (f->gui->store, sku, &error);

  g_assert_no_error (error);
  return item->id;
}

static void
test_bom (void)
{
  g_autoptr(Fixture) f = fixture_new ("supervisor");
  g_autoptr(PdBom) sub_bom = pd_bom_new ();
  g_autoptr(PdBom) stored = NULL;
  g_autoptr(PdBom) cycle = pd_bom_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) core_error = NULL;
  PdProductsView *view;
  PdBomEditor *editor;
  const PdBomLine *line;
  guint bad;

  /* SUB is made of STEEL. */
  sub_bom->product_sku = g_strdup ("SUB");
  g_ptr_array_add (sub_bom->lines, pd_bom_line_new ("STEEL", PD_QTY_ONE, 0, TRUE));
  g_assert_true (pd_store_set_bom (f->gui->store, f->admin, sub_bom, &error));
  g_assert_no_error (error);

  view = show_products (f, "P");
  g_assert_true (_pd_products_view_can_edit (view));
  g_assert_cmpuint (_pd_products_view_get_bom_version (view), ==, 0);
  editor = _pd_products_view_get_bom_editor (view);
  g_assert_cmpuint (_pd_line_editor_get_n_lines (PD_LINE_EDITOR (editor)), ==, 0);

  /* A bad quantity: its message under its line; nothing stored. */
  _pd_bom_editor_add_line (editor, "SUB", "2", "5", TRUE);
  bad = _pd_bom_editor_add_line (editor, "SCREW", "four", NULL, FALSE);
  _pd_products_view_save_bom (view);
  g_assert_false (_pd_products_view_is_busy (view));
  g_assert_null (_pd_line_editor_get_line_error (PD_LINE_EDITOR (editor), 0));
  g_assert_nonnull (_pd_line_editor_get_line_error (PD_LINE_EDITOR (editor), bad));
  g_assert_nonnull (strstr (_pd_line_editor_get_line_error (PD_LINE_EDITOR (editor), bad), "four"));
  g_assert_nonnull (pd_line_editor_get_error (PD_LINE_EDITOR (editor)));
  g_assert_cmpint (pd_test_count_rows (f->gui->store, "boms"), ==, 1);

  _pd_line_editor_remove_line (PD_LINE_EDITOR (editor), bad);
  _pd_bom_editor_add_line (editor, "SCREW", "4", NULL, FALSE);
  _pd_products_view_save_bom (view);
  PD_GUI_WAIT_UNTIL (!_pd_products_view_is_busy (view) && _pd_products_view_get_bom_version (view) == 1);
  g_assert_null (pd_line_editor_get_error (PD_LINE_EDITOR (editor)));
  g_assert_cmpuint (_pd_line_editor_get_n_lines (PD_LINE_EDITOR (editor)), ==, 2);

  g_assert_true (pd_store_get_bom (f->gui->store, item_id (f, "P"), 0, &stored, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stored->version, ==, 1);
  g_assert_cmpuint (stored->lines->len, ==, 2);
  line = g_ptr_array_index (stored->lines, 0);
  g_assert_cmpstr (line->component_sku, ==, "SUB");
  pd_test_assert_qty (line->qty, "2");
  pd_test_assert_qty (line->scrap_pct, "5");
  g_assert_true (line->backflush);
  line = g_ptr_array_index (stored->lines, 1);
  g_assert_cmpstr (line->component_sku, ==, "SCREW");
  pd_test_assert_qty (line->qty, "4");
  g_assert_false (line->backflush);
  g_assert_nonnull (strstr (_pd_products_view_get_history (view), "1"));
  pd_gui_screenshot (GTK_WIDGET (f->window), "mes-products-bom");

  /* SUB made of P: a cycle, refused with the core's message in place. */
  g_assert_true (_pd_products_view_choose (view, "SUB"));
  PD_GUI_WAIT_UNTIL (!_pd_products_view_is_busy (view) && _pd_products_view_get_bom_version (view) == 1);
  editor = _pd_products_view_get_bom_editor (view);
  g_assert_cmpuint (_pd_line_editor_get_n_lines (PD_LINE_EDITOR (editor)), ==, 1);
  _pd_bom_editor_add_line (editor, "P", "1", NULL, TRUE);
  _pd_products_view_save_bom (view);
  PD_GUI_WAIT_UNTIL (!_pd_products_view_is_busy (view) && pd_line_editor_get_error (PD_LINE_EDITOR (editor)) != NULL);

  cycle->product_sku = g_strdup ("SUB");
  g_ptr_array_add (cycle->lines, pd_bom_line_new ("STEEL", PD_QTY_ONE, 0, TRUE));
  g_ptr_array_add (cycle->lines, pd_bom_line_new ("P", PD_QTY_ONE, 0, TRUE));
  g_assert_false (pd_store_set_bom (f->gui->store, f->admin, cycle, &core_error));
  g_assert_nonnull (core_error);
  g_assert_cmpstr (pd_line_editor_get_error (PD_LINE_EDITOR (editor)), ==, core_error->message);
  g_assert_cmpuint (_pd_products_view_get_bom_version (view), ==, 1);
  /* What was typed stays, to be fixed. */
  g_assert_cmpuint (_pd_line_editor_get_n_lines (PD_LINE_EDITOR (editor)), ==, 2);
  g_assert_cmpint (pd_test_count_rows (f->gui->store, "boms"), ==, 2);
  pd_gui_screenshot (GTK_WIDGET (f->window), "mes-products-cycle");
}

static void
test_routing (void)
{
  g_autoptr(Fixture) f = fixture_new ("supervisor");
  g_autoptr(PdRouting) stored = NULL;
  g_autoptr(GError) error = NULL;
  PdProductsView *view;
  PdRoutingEditor *editor;
  const PdRoutingOp *op;
  guint bad;

  view = show_products (f, "P");
  assert_fits (f->view);
  g_assert_cmpuint (_pd_products_view_get_routing_version (view), ==, 0);
  editor = _pd_products_view_get_routing_editor (view);

  _pd_routing_editor_add_op (editor, "10", "MILL", "15", "30", "Load the die", TRUE);
  bad = _pd_routing_editor_add_op (editor, "ten", "MILL", "0", "12.5", NULL, FALSE);
  _pd_products_view_save_routing (view);
  g_assert_false (_pd_products_view_is_busy (view));
  g_assert_null (_pd_line_editor_get_line_error (PD_LINE_EDITOR (editor), 0));
  g_assert_nonnull (strstr (_pd_line_editor_get_line_error (PD_LINE_EDITOR (editor), bad), "ten"));
  g_assert_nonnull (pd_line_editor_get_error (PD_LINE_EDITOR (editor)));
  g_assert_cmpint (pd_test_count_rows (f->gui->store, "routings"), ==, 0);

  _pd_line_editor_remove_line (PD_LINE_EDITOR (editor), bad);
  _pd_routing_editor_add_op (editor, "20", "MILL", "0", "12.5", NULL, FALSE);
  _pd_products_view_save_routing (view);
  PD_GUI_WAIT_UNTIL (!_pd_products_view_is_busy (view) && _pd_products_view_get_routing_version (view) == 1);
  g_assert_null (pd_line_editor_get_error (PD_LINE_EDITOR (editor)));
  g_assert_cmpuint (_pd_line_editor_get_n_lines (PD_LINE_EDITOR (editor)), ==, 2);

  g_assert_true (pd_store_get_routing (f->gui->store, item_id (f, "P"), 0, &stored, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stored->ops->len, ==, 2);
  op = g_ptr_array_index (stored->ops, 0);
  g_assert_cmpuint (op->seq, ==, 10);
  g_assert_cmpstr (op->work_center_code, ==, "MILL");
  g_assert_cmpint (op->setup_us, ==, 15 * 60 * G_USEC_PER_SEC);
  g_assert_cmpint (op->run_us, ==, 30 * G_USEC_PER_SEC);
  g_assert_cmpstr (op->instructions, ==, "Load the die");
  g_assert_true (op->overlap);
  op = g_ptr_array_index (stored->ops, 1);
  g_assert_cmpuint (op->seq, ==, 20);
  g_assert_cmpint (op->run_us, ==, 12500000);
  g_assert_false (op->overlap);

  /* A second version; the history lists both. */
  _pd_routing_editor_add_op (editor, "30", "MILL", "1", "1", NULL, FALSE);
  _pd_products_view_save_routing (view);
  PD_GUI_WAIT_UNTIL (!_pd_products_view_is_busy (view) && _pd_products_view_get_routing_version (view) == 2);
  g_assert_cmpuint (_pd_line_editor_get_n_lines (PD_LINE_EDITOR (editor)), ==, 3);
  {
    g_auto(GStrv) lines = g_strsplit (_pd_products_view_get_history (view), "\n", -1);

    g_assert_cmpuint (g_strv_length (lines), ==, 2);
  }
  pd_gui_screenshot (GTK_WIDGET (f->window), "mes-products-routing");
}

/* An operator reads BOMs and routings and saves nothing. */
static void
test_products_read_only (void)
{
  g_autoptr(Fixture) f = fixture_new ("operator");
  PdProductsView *view = show_products (f, "P");

  g_assert_false (_pd_products_view_can_edit (view));
}

int
main (int   argc,
      char *argv[])
{
  pd_gui_test_init (&argc, &argv);

  pd_gui_test_add ("/gui/mes-master/work-center-add", test_work_center_add);
  pd_gui_test_add ("/gui/mes-master/work-centers-read-only", test_work_centers_read_only);
  pd_gui_test_add ("/gui/mes-master/bom", test_bom);
  pd_gui_test_add ("/gui/mes-master/routing", test_routing);
  pd_gui_test_add ("/gui/mes-master/products-read-only", test_products_read_only);

  return g_test_run ();
}
