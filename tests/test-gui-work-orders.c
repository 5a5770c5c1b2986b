/* test-gui-work-orders.c — the supervisor's work orders: creating one
 * through the dialog (bad input refused in place, a past due accepted with
 * the core's warning), release refused for a shortage with every missing
 * component, release, issue, cancel refused once work started, the
 * detail's operations, material and history, filters and sort, the
 * traveler printed and saved; run in English and in Chinese
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-gui-work-orders"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "pd-gui-test-utils.h"
#include "pd-store-mes.h"
#include "pd-store-work-orders.h"
#include "mes/pd-work-orders-private.h"

typedef struct
{
  PdGuiFixture       *gui;
  PdUser             *admin;
  PdUser             *supervisor;
  PdTestLocations     loc;
  gint64              c1;
  GtkWindow          *window;
  PdWorkOrdersView   *view;
  PdWorkOrderDetail  *detail;
} Fixture;

static void
add_work_center (Fixture    *f,
                 const char *code,
                 gint64      from,
                 gint64      to)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdWorkCenter) wc = pd_work_center_new ();
  PdShift shift = { 0, };

  wc->code = g_strdup (code);
  wc->name = g_strdup_printf ("Machine %s", code);
  if (from != 0)
    wc->from_location = g_strdup ("A-01");
  if (to != 0)
    wc->to_location = g_strdup ("B-01");
  g_assert_true (pd_shift_parse ("mon-sun:00:00-24:00", &shift, &error));
  g_assert_no_error (error);
  pd_work_center_add_shift (wc, &shift);
  pd_shift_clear (&shift);
  g_assert_true (pd_store_add_work_center (f->gui->store, f->supervisor, wc, &error));
  g_assert_no_error (error);
}

/* Product P (items "Item P"): 2 kg of C1 a unit, backflushed, routed 10
 * on MILL (material from A-01) then 20 on ASSY (goods to B-01); 10 kg of C1
 * at A-01, enough for 5. */
static Fixture *
fixture_new (void)
{
  Fixture *f = g_new0 (Fixture, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(PdBom) bom = pd_bom_new ();
  g_autoptr(PdRouting) routing = pd_routing_new ();
  PdRoutingOp *op;

  f->gui = pd_gui_fixture_new (TRUE);
  f->admin = pd_test_login (f->gui->store, "admin");
  f->supervisor = pd_test_login (f->gui->store, "supervisor");
  pd_test_add_warehouses (f->gui->store, f->admin, NULL, &f->loc);
  pd_test_add_item (f->gui->store, f->admin, "P", "pcs", NULL, FALSE);
  pd_test_add_item (f->gui->store, f->admin, "PX", "pcs", NULL, FALSE);
  f->c1 = pd_test_add_item (f->gui->store, f->admin, "C1", "kg", NULL, FALSE);
  pd_test_post_move (f->gui->store, f->admin, f->c1, NULL, 0, f->loc.a01, pd_test_qty ("10"), PD_MOVE_RECEIPT);
  add_work_center (f, "MILL", f->loc.a01, 0);
  add_work_center (f, "ASSY", 0, f->loc.b01);

  bom->product_sku = g_strdup ("P");
  g_ptr_array_add (bom->lines, pd_bom_line_new ("C1", pd_test_qty ("2"), 0, TRUE));
  g_assert_true (pd_store_set_bom (f->gui->store, f->supervisor, bom, &error));
  g_assert_no_error (error);
  routing->product_sku = g_strdup ("P");
  op = pd_routing_op_new (10, "MILL", 0, G_USEC_PER_SEC * 30);
  op->instructions = g_strdup ("Deburr");
  g_ptr_array_add (routing->ops, op);
  g_ptr_array_add (routing->ops, pd_routing_op_new (20, "ASSY", 0, G_USEC_PER_SEC * 45));
  g_assert_true (pd_store_set_routing (f->gui->store, f->supervisor, routing, &error));
  g_assert_no_error (error);
  return f;
}

static void
fixture_free (Fixture *f)
{
  if (f->window != NULL)
    gtk_window_destroy (f->window);
  pd_gui_flush ();
  g_clear_object (&f->admin);
  g_clear_object (&f->supervisor);
  pd_gui_fixture_free (f->gui);
  g_free (f);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Fixture, fixture_free)

static void
wait_idle (Fixture *f)
{
  PD_GUI_WAIT_UNTIL (!_pd_work_orders_view_is_loading (f->view) &&
                     _pd_work_orders_view_get_n_pending (f->view) == 0);
}

/* The view alone in a window of its own, as USER sees it. */
static void
open_view (Fixture    *f,
           const char *user_name)
{
  g_autoptr(PdUser) user = pd_test_login (f->gui->store, user_name);

  f->view = pd_work_orders_view_new (f->gui->store, user);
  f->detail = _pd_work_orders_view_get_detail (f->view);
  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 1280 - 261, 760);
  gtk_window_set_child (f->window, GTK_WIDGET (f->view));
  gtk_window_present (f->window);
  wait_idle (f);
}

static char *
create_in_core (Fixture    *f,
                const char *sku,
                const char *qty,
                const char *due,
                guint       priority)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdWorkOrder) wo = pd_work_order_new ();
  g_autofree char *warning = NULL;

  wo->product_sku = g_strdup (sku);
  wo->qty = pd_test_qty (qty);
  wo->due = g_strdup (due);
  wo->priority = priority;
  g_assert_true (pd_store_create_work_order (f->gui->store, f->supervisor, wo, &warning, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&wo->number);
}

static PdWorkOrder *
find (Fixture    *f,
      const char *number)
{
  g_autoptr(GError) error = NULL;
  PdWorkOrder *wo = pd_store_find_work_order (f->gui->store, number, &error);

  g_assert_no_error (error);
  return wo;
}

static void
select_order (Fixture    *f,
              const char *number)
{
  g_assert_true (_pd_work_orders_view_select (f->view, number));
  PD_GUI_WAIT_UNTIL (!_pd_work_order_detail_is_busy (f->detail) &&
                     g_strcmp0 (pd_work_order_detail_get_number (f->detail), number) == 0 &&
                     _pd_work_order_detail_get_status (f->detail) >= 0);
}

static void
click (Fixture    *f,
       const char *button)
{
  GtkWidget *widget = _pd_work_order_detail_get_button (f->detail, button);

  g_assert_true (gtk_widget_get_visible (widget));
  g_assert_true (gtk_widget_get_sensitive (widget));
  g_signal_emit_by_name (widget, "clicked");
}

static void
wait_status (Fixture    *f,
             PdWoStatus  status)
{
  PD_GUI_WAIT_UNTIL (!_pd_work_order_detail_is_busy (f->detail) &&
                     _pd_work_order_detail_get_status (f->detail) == (int) status);
}

/* The dialog: bad quantity, bad due and unknown product refused in place
 * with nothing made; a past due created with the core's warning. */
static void
test_create (void)
{
  g_autoptr(Fixture) f = fixture_new ();
  g_autoptr(PdWorkOrderDialog) dialog = NULL;
  g_autoptr(PdWorkOrder) wo = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *qty = NULL;
  PdQty parsed = 0;

  open_view (f, "supervisor");
  g_assert_cmpuint (_pd_work_orders_view_get_n_shown (f->view), ==, 0);
  g_assert_true (gtk_widget_get_visible (_pd_work_orders_view_get_new_button (f->view)));
  g_signal_emit_by_name (_pd_work_orders_view_get_new_button (f->view), "clicked");
  dialog = g_object_ref (_pd_work_orders_view_get_dialog (f->view));
  PD_GUI_WAIT_UNTIL (!_pd_work_order_dialog_is_busy (dialog));

  /* The product is searched among the items, by SKU or name. */
  _pd_work_order_dialog_set_field (dialog, "product", "item p");
  g_assert_cmpuint (_pd_work_order_dialog_get_n_suggestions (dialog), ==, 2);
  pd_gui_screenshot (GTK_WIDGET (dialog), "work-order-dialog");
  _pd_work_order_dialog_pick_suggestion (dialog, 0);
  g_assert_cmpuint (_pd_work_order_dialog_get_n_suggestions (dialog), ==, 0);

  /* A bad quantity: the parser's words after the field's name. */
  _pd_work_order_dialog_set_field (dialog, "qty", "twelve");
  _pd_work_order_dialog_create (dialog);
  g_assert_false (pd_qty_parse ("twelve", &parsed, &error));
  expected = g_strdup_printf (_("%s: %s"), _("Quantity"), error->message);
  g_assert_cmpstr (_pd_work_order_dialog_get_error (dialog), ==, expected);
  g_assert_false (_pd_work_order_dialog_is_busy (dialog));
  g_assert_cmpint (pd_test_count_rows (f->gui->store, "work_orders"), ==, 0);

  /* Zero: the core refuses it, in place. */
  _pd_work_order_dialog_set_field (dialog, "qty", "0");
  _pd_work_order_dialog_create (dialog);
  PD_GUI_WAIT_UNTIL (!_pd_work_order_dialog_is_busy (dialog));
  g_assert_nonnull (_pd_work_order_dialog_get_error (dialog));
  g_assert_nonnull (strstr (_pd_work_order_dialog_get_error (dialog), "0"));
  g_assert_cmpint (pd_test_count_rows (f->gui->store, "work_orders"), ==, 0);

  /* A due that is no day. */
  _pd_work_order_dialog_set_field (dialog, "qty", "12");
  _pd_work_order_dialog_set_field (dialog, "due", "2026-13-45");
  _pd_work_order_dialog_create (dialog);
  g_assert_nonnull (strstr (_pd_work_order_dialog_get_error (dialog), "2026-13-45"));
  g_assert_cmpint (pd_test_count_rows (f->gui->store, "work_orders"), ==, 0);

  /* An unknown product: the core's words. */
  _pd_work_order_dialog_set_field (dialog, "product", "NOPE");
  _pd_work_order_dialog_set_field (dialog, "due", "2001-01-01 08:00");
  _pd_work_order_dialog_create (dialog);
  PD_GUI_WAIT_UNTIL (!_pd_work_order_dialog_is_busy (dialog));
  g_assert_nonnull (strstr (_pd_work_order_dialog_get_error (dialog), "NOPE"));
  g_assert_cmpint (pd_test_count_rows (f->gui->store, "work_orders"), ==, 0);

  /* A due in the past: created, with the core's warning. */
  _pd_work_order_dialog_set_field (dialog, "product", "P");
  _pd_work_order_dialog_set_field (dialog, "priority", "1");
  _pd_work_order_dialog_set_field (dialog, "ref", "SO-9");
  _pd_work_order_dialog_create (dialog);
  PD_GUI_WAIT_UNTIL (_pd_work_order_dialog_get_number (dialog) != NULL);
  g_assert_cmpstr (_pd_work_order_dialog_get_number (dialog), ==, "WO-000001");
  g_assert_nonnull (_pd_work_order_dialog_get_warning (dialog));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (dialog)));

  wo = find (f, "WO-000001");
  qty = pd_qty_format (wo->qty);
  g_assert_cmpstr (qty, ==, "12");
  g_assert_cmpuint (wo->priority, ==, 1);
  g_assert_cmpstr (wo->ref, ==, "SO-9");
  g_assert_cmpint (wo->status, ==, PD_WO_DRAFT);
  {
    g_autoptr(GDateTime) due = g_date_time_new_from_iso8601 (wo->due, NULL);
    g_autoptr(GDateTime) local = g_date_time_to_local (due);
    g_autofree char *text = g_date_time_format (local, "%Y-%m-%d %H:%M");

    g_assert_cmpstr (text, ==, "2001-01-01 08:00");
  }

  /* Listed, late, and shown in the detail. */
  wait_idle (f);
  PD_GUI_WAIT_UNTIL (_pd_work_orders_view_get_n_shown (f->view) == 1 &&
                     _pd_work_order_detail_get_status (f->detail) == PD_WO_DRAFT);
  {
    g_autofree char *late = _pd_work_orders_view_dup_cell (f->view, 0, 8);
    g_autofree char *status = _pd_work_orders_view_dup_cell (f->view, 0, 3);

    g_assert_cmpstr (late, ==, _("Late"));
    g_assert_cmpstr (status, ==, pd_wo_status_get_label (PD_WO_DRAFT));
  }
  g_assert_cmpstr (pd_work_order_detail_get_number (f->detail), ==, "WO-000001");
  {
    GtkRequisition natural;

    gtk_widget_get_preferred_size (GTK_WIDGET (f->view), NULL, &natural);
    g_assert_cmpint (natural.width, <=, 1280 - 261);
  }
}

/* Answers DIALOG and closes it. */
static void
respond (GtkWidget  *dialog,
         const char *response)
{
  g_autoptr(GtkWidget) ref = g_object_ref (dialog);

  adw_message_dialog_response (ADW_MESSAGE_DIALOG (ref), response);
  gtk_window_destroy (GTK_WINDOW (ref));
}

/* Release refused for a shortage (every missing component named, in a
 * window), then released, scheduled in the core, issued; cancel is
 * refused once started; material, operations and history shown. */
static void
test_lifecycle (void)
{
  g_autoptr(Fixture) f = fixture_new ();
  g_autoptr(PdWorkOrder) wo = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *big = create_in_core (f, "P", "12", "2099-06-01T12:00:00Z", 3);
  g_autofree char *small = create_in_core (f, "P", "4", "2099-05-01T12:00:00Z", 2);
  g_autofree char *cell = NULL;
  GtkWidget *refusal;
  const char *message;

  open_view (f, "supervisor");
  g_assert_cmpuint (_pd_work_orders_view_get_n_shown (f->view), ==, 2);
  /* By due time: the small one first. */
  g_assert_cmpstr (_pd_work_orders_view_get_number (f->view, 0), ==, small);

  /* 12 need 24 kg of C1, 10 on hand: refused, the core's words in place
   * and whole in a window. */
  select_order (f, big);
  g_assert_cmpuint (_pd_work_order_detail_get_n_rows (f->detail, "bom"), ==, 1);
  cell = _pd_work_order_detail_dup_cell (f->detail, "bom", 0, 3);
  g_assert_nonnull (strstr (cell, "24"));
  g_clear_pointer (&cell, g_free);
  click (f, "release");
  PD_GUI_WAIT_UNTIL (!_pd_work_order_detail_is_busy (f->detail) &&
                     _pd_work_order_detail_get_error (f->detail) != NULL);
  g_assert_false (pd_store_release_work_order (f->gui->store, f->supervisor, big, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INSUFFICIENT);
  g_assert_cmpstr (_pd_work_order_detail_get_error (f->detail), ==, error->message);
  g_clear_error (&error);
  message = _pd_work_order_detail_get_error (f->detail);
  g_assert_nonnull (strstr (message, "C1"));
  refusal = _pd_work_order_detail_get_dialog (f->detail);
  g_assert_true (ADW_IS_MESSAGE_DIALOG (refusal));
  g_assert_cmpstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (refusal)), ==, message);
  respond (refusal, "ok");
  wo = find (f, big);
  g_assert_cmpint (wo->status, ==, PD_WO_DRAFT);
  g_clear_pointer (&wo, pd_work_order_free);

  /* 4 need 8: released; the versions frozen, the operations copied. */
  select_order (f, small);
  g_assert_null (_pd_work_order_detail_get_error (f->detail));
  g_assert_false (gtk_widget_get_sensitive (_pd_work_order_detail_get_button (f->detail, "issue")));
  click (f, "release");
  wait_status (f, PD_WO_RELEASED);
  g_assert_null (_pd_work_order_detail_get_error (f->detail));
  g_assert_cmpuint (_pd_work_order_detail_get_n_rows (f->detail, "ops"), ==, 2);
  cell = _pd_work_order_detail_dup_cell (f->detail, "ops", 1, 1);
  g_assert_cmpstr (cell, ==, "ASSY");
  g_clear_pointer (&cell, g_free);
  wait_idle (f);
  cell = _pd_work_orders_view_dup_cell (f->view, 0, 3);
  g_assert_cmpstr (cell, ==, pd_wo_status_get_label (PD_WO_RELEASED));
  g_clear_pointer (&cell, g_free);
  pd_gui_screenshot (GTK_WIDGET (f->window), "work-orders-released");

  /* Schedule All plans the released order, then it is issued. */
  g_signal_emit_by_name (_pd_work_orders_view_get_schedule_button (f->view), "clicked");
  wait_status (f, PD_WO_SCHEDULED);
  wait_idle (f);
  wo = find (f, small);
  g_assert_nonnull (wo->planned_start);
  g_clear_pointer (&wo, pd_work_order_free);
  cell = _pd_work_order_detail_dup_cell (f->detail, "ops", 0, 3);
  g_assert_cmpstr (cell, !=, "—");
  g_clear_pointer (&cell, g_free);
  click (f, "issue");
  wait_status (f, PD_WO_ISSUED);

  /* Work starts at the station: cancel is then refused as the core says. */
  g_assert_true (pd_store_start_operation (f->gui->store, f->supervisor, small, 10, &error));
  g_assert_no_error (error);
  g_assert_true (pd_store_report_operation (f->gui->store, NULL, small, 10, pd_test_qty ("1"), 0,
                                            PD_SCRAP_OTHER, "machine", &error));
  g_assert_no_error (error);
  wait_status (f, PD_WO_IN_PROGRESS);
  g_assert_false (gtk_widget_get_sensitive (_pd_work_order_detail_get_button (f->detail, "cancel")));
  _pd_work_order_detail_run_action (f->detail, PD_WO_ACTION_CANCEL);
  PD_GUI_WAIT_UNTIL (!_pd_work_order_detail_is_busy (f->detail) &&
                     _pd_work_order_detail_get_error (f->detail) != NULL);
  g_assert_false (pd_store_cancel_work_order (f->gui->store, f->supervisor, small, &error));
  g_assert_cmpstr (_pd_work_order_detail_get_error (f->detail), ==, error->message);
  g_clear_error (&error);
  wo = find (f, small);
  g_assert_cmpint (wo->status, ==, PD_WO_IN_PROGRESS);
  g_clear_pointer (&wo, pd_work_order_free);

  /* The history, newest first: the machine's report, by no person. */
  PD_GUI_WAIT_UNTIL (_pd_work_order_detail_get_n_rows (f->detail, "events") == 6);
  cell = _pd_work_order_detail_dup_cell (f->detail, "events", 0, 2);
  g_assert_nonnull (strstr (cell, pd_wo_action_get_label (PD_WO_ACTION_REPORT)));
  g_clear_pointer (&cell, g_free);
  cell = _pd_work_order_detail_dup_cell (f->detail, "events", 0, 5);
  g_assert_cmpstr (cell, ==, C_("event source", "Machine"));
  g_clear_pointer (&cell, g_free);
  cell = _pd_work_order_detail_dup_cell (f->detail, "events", 0, 1);
  g_assert_cmpstr (cell, ==, _("System"));
  g_clear_pointer (&cell, g_free);
  cell = _pd_work_order_detail_dup_cell (f->detail, "events", 5, 1);
  g_assert_cmpstr (cell, ==, "supervisor");
  g_clear_pointer (&cell, g_free);
  cell = _pd_work_order_detail_dup_cell (f->detail, "ops", 0, 6);
  g_assert_nonnull (strstr (cell, "1"));
  g_clear_pointer (&cell, g_free);

  /* Cancel through its confirmation on the draft. */
  select_order (f, big);
  click (f, "cancel");
  refusal = _pd_work_order_detail_get_dialog (f->detail);
  g_assert_true (ADW_IS_MESSAGE_DIALOG (refusal));
  respond (refusal, "cancel-order");
  wait_status (f, PD_WO_CANCELLED);
  wo = find (f, big);
  g_assert_cmpint (wo->status, ==, PD_WO_CANCELLED);
}

/* Search, status filter and sort; the selection stays across reloads. */
static void
test_filters (void)
{
  g_autoptr(Fixture) f = fixture_new ();
  g_autofree char *a = create_in_core (f, "P", "1", "2099-03-01T12:00:00Z", 5);
  g_autofree char *b = create_in_core (f, "PX", "2", "2099-01-01T12:00:00Z", 2);
  g_autofree char *c = create_in_core (f, "P", "3", "2099-02-01T12:00:00Z", 1);
  g_autoptr(GError) error = NULL;

  open_view (f, "supervisor");
  g_assert_cmpuint (_pd_work_orders_view_get_n_shown (f->view), ==, 3);
  g_assert_cmpstr (_pd_work_orders_view_get_number (f->view, 0), ==, b);
  g_assert_cmpstr (_pd_work_orders_view_get_number (f->view, 2), ==, a);

  _pd_work_orders_view_set_sort (f->view, 1);
  g_assert_cmpstr (_pd_work_orders_view_get_number (f->view, 0), ==, c);
  g_assert_cmpstr (_pd_work_orders_view_get_number (f->view, 2), ==, a);
  _pd_work_orders_view_set_sort (f->view, 2);
  g_assert_cmpstr (_pd_work_orders_view_get_number (f->view, 0), ==, a);

  _pd_work_orders_view_set_search (f->view, "px");
  g_assert_cmpuint (_pd_work_orders_view_get_n_shown (f->view), ==, 1);
  g_assert_cmpstr (_pd_work_orders_view_get_number (f->view, 0), ==, b);
  _pd_work_orders_view_set_search (f->view, "");

  /* A change in the core is read again; the selection stays. */
  select_order (f, c);
  g_assert_true (pd_store_cancel_work_order (f->gui->store, f->supervisor, a, &error));
  g_assert_no_error (error);
  wait_idle (f);
  _pd_work_orders_view_set_status_filter (f->view, PD_WO_CANCELLED);
  g_assert_cmpuint (_pd_work_orders_view_get_n_shown (f->view), ==, 1);
  g_assert_cmpstr (_pd_work_orders_view_get_number (f->view, 0), ==, a);
  _pd_work_orders_view_set_status_filter (f->view, PD_WO_DRAFT);
  g_assert_cmpuint (_pd_work_orders_view_get_n_shown (f->view), ==, 2);
  g_assert_true (_pd_work_orders_view_select (f->view, c));
  g_assert_true (pd_store_cancel_work_order (f->gui->store, f->supervisor, b, &error));
  g_assert_no_error (error);
  wait_idle (f);
  g_assert_cmpuint (_pd_work_orders_view_get_n_shown (f->view), ==, 1);
  g_assert_cmpstr (pd_work_order_detail_get_number (f->detail), ==, c);
}

/* Operators see the orders but cannot plan them. */
static void
test_operator (void)
{
  g_autoptr(Fixture) f = fixture_new ();
  g_autofree char *a = create_in_core (f, "P", "1", "2099-03-01T12:00:00Z", 3);

  open_view (f, "operator");
  g_assert_false (gtk_widget_get_visible (_pd_work_orders_view_get_new_button (f->view)));
  g_assert_false (gtk_widget_get_visible (_pd_work_orders_view_get_schedule_button (f->view)));
  select_order (f, a);
  g_assert_false (gtk_widget_get_visible (_pd_work_order_detail_get_button (f->detail, "release")));
  g_assert_false (gtk_widget_get_visible (_pd_work_order_detail_get_button (f->detail, "cancel")));
  g_assert_true (gtk_widget_get_sensitive (_pd_work_order_detail_get_button (f->detail, "pdf")));
}

static char *
pdf_text (const char *pdf)
{
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", pdf, "-", NULL };
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  char *out = NULL;

  process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  return out;
}

/* The traveler: saved as PDF in a worker, and printed (exported) through
 * GtkPrintOperation. */
static void
test_traveler (void)
{
  g_autoptr(Fixture) f = fixture_new ();
  g_autofree char *a = create_in_core (f, "P", "3", "2099-03-01T12:00:00Z", 3);
  g_autofree char *saved = g_build_filename (f->gui->data_dir, "saved.pdf", NULL);
  g_autofree char *printed = g_build_filename (f->gui->data_dir, "printed.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (saved);
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  int n_pages = 0;

  open_view (f, "supervisor");
  select_order (f, a);
  _pd_work_order_detail_save_pdf (f->detail, file);
  PD_GUI_WAIT_UNTIL (!_pd_work_order_detail_is_busy (f->detail));
  g_assert_null (_pd_work_order_detail_get_error (f->detail));
  g_assert_true (g_file_test (saved, G_FILE_TEST_IS_REGULAR));

  g_assert_cmpint (_pd_work_order_detail_print_to (f->detail, printed, &n_pages), ==,
                   GTK_PRINT_OPERATION_RESULT_APPLY);
  g_assert_cmpint (n_pages, ==, 1);
  g_assert_true (g_file_test (printed, G_FILE_TEST_IS_REGULAR));

  if (pdftotext != NULL)
    for (guint i = 0; i < 2; i++)
      {
        g_autofree char *text = pdf_text (i == 0 ? saved : printed);

        g_assert_nonnull (strstr (text, a));
        g_assert_nonnull (strstr (text, "C1"));
        g_assert_nonnull (strstr (text, "MILL"));
        g_assert_nonnull (strstr (text, "Deburr"));
      }
}

int
main (int    argc,
      char **argv)
{
  pd_gui_test_init (&argc, &argv);

  pd_gui_test_add ("/gui/work-orders/create", test_create);
  pd_gui_test_add ("/gui/work-orders/lifecycle", test_lifecycle);
  pd_gui_test_add ("/gui/work-orders/filters", test_filters);
  pd_gui_test_add ("/gui/work-orders/operator", test_operator);
  pd_gui_test_add ("/gui/work-orders/traveler", test_traveler);
  return g_test_run ();
}
