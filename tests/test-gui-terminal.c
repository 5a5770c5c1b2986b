/* test-gui-terminal.c — the operator terminal: an order through its first
 * work center by the terminal's buttons (start, pause with a reason,
 * resume, reports, an over-report a supervisor approves, complete), then
 * the next work center's terminal; the store checked after each step
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-gui-terminal"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pd-gui-test-utils.h"
#include "mes/pd-dispatch-view.h"
#include "mes/pd-terminal-view-private.h"
#include "pd-preferences-window-private.h"

#define INSTRUCTIONS_10 "Deburr both edges; check the bore with gauge G-7."

typedef struct
{
  PdGuiFixture   *gui;
  PdUser         *supervisor;
  PdUser         *user;
  GtkWindow      *window;
  PdTerminalView *view;
  char           *number;
} Fixture;

static void
add_work_center (Fixture    *f,
                 const char *code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdWorkCenter) wc = pd_work_center_new ();
  PdShift shift = { 0, };

  wc->code = g_strdup (code);
  wc->name = g_strdup_printf ("Station %s", code);
  g_assert_true (pd_shift_parse ("mon-sun:00:00-23:59", &shift, &error));
  g_assert_no_error (error);
  pd_work_center_add_shift (wc, &shift);
  pd_shift_clear (&shift);
  g_assert_true (pd_store_add_work_center (f->gui->store, f->supervisor, wc, &error));
  g_assert_no_error (error);
}

/* Product P routed through WC1 (op 10) then WC2 (op 20); an order of 5 P
 * issued, so that op 10 is ready. */
static Fixture *
fixture_new (const char *user)
{
  Fixture *f = g_new0 (Fixture, 1);
  g_autoptr(PdUser) admin = NULL;
  g_autoptr(PdRouting) routing = pd_routing_new ();
  g_autoptr(PdWorkOrder) wo = pd_work_order_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *warning = NULL;
  PdRoutingOp *op;

  f->gui = pd_gui_fixture_new (TRUE);
  admin = pd_test_login (f->gui->store, "admin");
  f->supervisor = pd_test_login (f->gui->store, "supervisor");
  f->user = pd_test_login (f->gui->store, user);
  pd_test_add_item (f->gui->store, admin, "P", "pcs", NULL, FALSE);
  add_work_center (f, "WC1");
  add_work_center (f, "WC2");

  routing->product_sku = g_strdup ("P");
  op = pd_routing_op_new (10, "WC1", 300 * G_USEC_PER_SEC, 20 * G_USEC_PER_SEC);
  op->instructions = g_strdup (INSTRUCTIONS_10);
  g_ptr_array_add (routing->ops, op);
  g_ptr_array_add (routing->ops, pd_routing_op_new (20, "WC2", 0, 30 * G_USEC_PER_SEC));
  g_assert_true (pd_store_set_routing (f->gui->store, f->supervisor, routing, &error));
  g_assert_no_error (error);

  wo->product_sku = g_strdup ("P");
  wo->qty = pd_test_qty ("5");
  wo->due = g_strdup ("2099-01-01T12:00:00Z");
  g_assert_true (pd_store_create_work_order (f->gui->store, f->supervisor, wo, &warning, &error));
  g_assert_no_error (error);
  f->number = g_strdup (wo->number);
  for (PdWoAction a = PD_WO_ACTION_RELEASE; a <= PD_WO_ACTION_ISSUE; a++)
    {
      g_assert_true (pd_store_work_order_action (f->gui->store, f->supervisor, f->number, a, 0, &error));
      g_assert_no_error (error);
    }

  /* The terminal in a window of its own, as the Production section shows it. */
  f->view = pd_terminal_view_new (f->gui->store, f->user, NULL);
  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 1280 - 261, 760);
  gtk_window_set_child (f->window, GTK_WIDGET (f->view));
  gtk_window_present (f->window);
  PD_GUI_WAIT_UNTIL (!_pd_terminal_view_is_busy (f->view));
  return f;
}

static void
fixture_free (Fixture *f)
{
  gtk_window_destroy (f->window);
  pd_gui_flush ();
  g_clear_object (&f->supervisor);
  g_clear_object (&f->user);
  g_free (f->number);
  pd_gui_fixture_free (f->gui);
  g_free (f);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Fixture, fixture_free)

static PdWoOperation *
store_op (Fixture *f,
          guint    seq)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdWorkOrder) wo = pd_store_find_work_order (f->gui->store, f->number, &error);
  PdWoOperation *op;

  g_assert_no_error (error);
  op = pd_work_order_get_operation (wo, seq);
  g_assert_nonnull (op);
  /* Taken out of the order, which is freed here. */
  g_ptr_array_set_free_func (wo->ops, NULL);
  for (guint i = 0; i < wo->ops->len; i++)
    if (g_ptr_array_index (wo->ops, i) != op)
      pd_wo_operation_free (g_ptr_array_index (wo->ops, i));
  return op;
}

static PdWoOpStatus
op_status (Fixture *f,
           guint    seq)
{
  g_autoptr(PdWoOperation) op = store_op (f, seq);

  return op->status;
}

static PdWoEvent *
last_event (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = pd_store_list_work_order_events (f->gui->store, f->number, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (events->len, >, 0);
  return g_ptr_array_steal_index (events, events->len - 1);
}

static guint
n_events (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = pd_store_list_work_order_events (f->gui->store, f->number, &error);

  g_assert_no_error (error);
  return events->len;
}

static void
click (Fixture    *f,
       GtkButton  *button)
{
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (button)));
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (button)));
  g_signal_emit_by_name (button, "clicked");
  PD_GUI_WAIT_UNTIL (!_pd_terminal_view_is_busy (f->view));
}

static void
click_named (Fixture    *f,
             const char *name)
{
  click (f, _pd_terminal_view_get_button (f->view, name));
}

static void
assert_message (Fixture    *f,
                gboolean    expect_ok,
                const char *expected)
{
  gboolean ok = !expect_ok;
  const char *message = _pd_terminal_view_get_message (f->view, &ok);

  g_assert_nonnull (message);
  if (ok != expect_ok)
    g_error ("expected %s, got “%s”", expect_ok ? "success" : "a refusal", message);
  if (expected != NULL)
    g_assert_cmpstr (message, ==, expected);
}

static void
assert_sensitive (Fixture    *f,
                  const char *name,
                  gboolean    sensitive)
{
  GtkWidget *button = GTK_WIDGET (_pd_terminal_view_get_button (f->view, name));

  if (gtk_widget_get_sensitive (button) != sensitive)
    g_error ("the %s button is %s", name, sensitive ? "insensitive" : "sensitive");
}

static void
assert_figure (Fixture    *f,
               const char *name,
               const char *expected)
{
  g_assert_cmpstr (gtk_label_get_text (_pd_terminal_view_get_figure (f->view, name)), ==, expected);
}

/* Every control of the terminal is at least 64 px tall for gloved fingers. */
static void
assert_big (GtkWidget *widget)
{
  int height = 0;

  gtk_widget_measure (widget, GTK_ORIENTATION_VERTICAL, -1, &height, NULL, NULL, NULL);
  g_assert_cmpint (height, >=, 64);
}

static void
choose (Fixture    *f,
        const char *code)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *chosen = NULL;
  GtkButton *button;

  g_assert_cmpstr (_pd_terminal_view_get_page (f->view), ==, "choose");
  button = _pd_terminal_view_get_chooser_button (f->view, code);
  g_assert_nonnull (button);
  assert_big (GTK_WIDGET (button));
  click (f, button);
  g_assert_cmpstr (_pd_terminal_view_get_page (f->view), ==, "work");
  g_assert_cmpstr (pd_terminal_view_get_work_center (f->view), ==, code);
  /* The choice is the station's setting from now on. */
  chosen = g_settings_get_string (settings, "terminal-work-center");
  g_assert_cmpstr (chosen, ==, code);
}

static void
test_operator_runs_an_operation (void)
{
  g_autoptr(Fixture) f = fixture_new ("operator");
  g_autoptr(PdWoOperation) op = NULL;
  g_autoptr(PdWoEvent) event = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *over_message = NULL;
  const PdTerminalEntry *current;
  const char *names[] = { "start", "pause", "resume", "report", "complete" };
  guint before;
  int natural = 0, minimum = 0;

  /* No work center set at this station: the terminal asks for one. */
  choose (f, "WC1");
  g_assert_cmpuint (_pd_terminal_view_get_n_entries (f->view), ==, 1);
  current = _pd_terminal_view_get_current (f->view);
  g_assert_nonnull (current);
  g_assert_cmpstr (current->number, ==, f->number);
  g_assert_cmpuint (current->seq, ==, 10);
  g_assert_cmpint (current->status, ==, PD_WO_OP_READY);
  g_assert_false (current->late);
  assert_figure (f, "ordered", "5");
  assert_figure (f, "good", "0");
  assert_figure (f, "remaining", "5");
  assert_figure (f, "instructions", INSTRUCTIONS_10);
  assert_figure (f, "state", pd_wo_op_status_get_label (PD_WO_OP_READY));
  g_assert_false (_pd_terminal_view_is_machine_counted (f->view));
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    assert_big (GTK_WIDGET (_pd_terminal_view_get_button (f->view, names[i])));
  assert_sensitive (f, "start", TRUE);
  assert_sensitive (f, "pause", FALSE);
  assert_sensitive (f, "resume", FALSE);
  assert_sensitive (f, "report", FALSE);
  assert_sensitive (f, "complete", FALSE);

  /* Nothing of the terminal is cut off beside the sidebar of a 1280 px
   * screen, in any language, and the sidebar does not fold away in the
   * default window (1180 px) with a longer product name than this one. */
  gtk_widget_measure (GTK_WIDGET (f->view), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural, NULL, NULL);
  g_assert_cmpint (natural, <=, 1280 - 261);
  g_assert_cmpint (minimum, <=, 1180 - 261 - 80);
  pd_gui_screenshot (GTK_WIDGET (f->window), "terminal-ready");

  /* Start. */
  click_named (f, "start");
  assert_message (f, TRUE, NULL);
  g_assert_cmpint (op_status (f, 10), ==, PD_WO_OP_RUNNING);
  g_assert_cmpint (_pd_terminal_view_get_current (f->view)->status, ==, PD_WO_OP_RUNNING);
  assert_sensitive (f, "start", FALSE);
  assert_sensitive (f, "pause", TRUE);
  assert_sensitive (f, "report", TRUE);

  /* Pause for a breakdown, on the big reason buttons. */
  click_named (f, "pause");
  g_assert_cmpstr (_pd_terminal_view_get_page (f->view), ==, "pause");
  assert_big (GTK_WIDGET (_pd_terminal_view_get_pause_button (f->view, PD_PAUSE_BREAKDOWN)));
  g_assert_cmpstr (gtk_button_get_label (_pd_terminal_view_get_pause_button (f->view, PD_PAUSE_BREAKDOWN)), ==,
                   pd_pause_reason_get_label (PD_PAUSE_BREAKDOWN));
  pd_gui_screenshot (GTK_WIDGET (f->window), "terminal-pause");
  click (f, _pd_terminal_view_get_pause_button (f->view, PD_PAUSE_BREAKDOWN));
  g_assert_cmpstr (_pd_terminal_view_get_page (f->view), ==, "work");
  assert_message (f, TRUE, NULL);
  g_assert_cmpint (op_status (f, 10), ==, PD_WO_OP_PAUSED);
  event = last_event (f);
  g_assert_cmpint (event->kind, ==, PD_WO_ACTION_PAUSE);
  g_assert_cmpstr (event->reason, ==, "breakdown");
  g_assert_cmpstr (event->user, ==, "operator");
  g_clear_pointer (&event, pd_wo_event_free);
  assert_sensitive (f, "resume", TRUE);
  assert_sensitive (f, "report", FALSE);

  /* Resume. */
  click_named (f, "resume");
  g_assert_cmpint (op_status (f, 10), ==, PD_WO_OP_RUNNING);

  /* A report that is not a number names the field and changes nothing. */
  before = n_events (f);
  click_named (f, "report");
  g_assert_cmpstr (_pd_terminal_view_get_page (f->view), ==, "report");
  gtk_editable_set_text (_pd_terminal_view_get_good_entry (f->view), "three");
  click_named (f, "report-confirm");
  assert_message (f, FALSE, NULL);
  g_assert_nonnull (strstr (_pd_terminal_view_get_message (f->view, NULL), _("Good parts")));
  g_assert_nonnull (strstr (_pd_terminal_view_get_message (f->view, NULL), "three"));
  g_assert_cmpuint (n_events (f), ==, before);
  g_assert_cmpstr (_pd_terminal_view_get_page (f->view), ==, "report");

  /* Scrap needs its reason. */
  gtk_editable_set_text (_pd_terminal_view_get_good_entry (f->view), "");
  gtk_editable_set_text (_pd_terminal_view_get_scrap_entry (f->view), "1");
  click_named (f, "report-confirm");
  assert_message (f, FALSE, NULL);
  g_assert_cmpuint (n_events (f), ==, before);

  /* 3 good on the keypad, 1 scrap for a machine fault. */
  click_named (f, "report");
  click (f, _pd_terminal_view_get_key (f->view, "3"));
  click (f, _pd_terminal_view_get_key (f->view, "1"));
  click (f, _pd_terminal_view_get_key (f->view, "⌫"));
  g_assert_cmpstr (gtk_editable_get_text (_pd_terminal_view_get_good_entry (f->view)), ==, "3");
  gtk_widget_grab_focus (GTK_WIDGET (_pd_terminal_view_get_scrap_entry (f->view)));
  pd_gui_flush ();
  click (f, _pd_terminal_view_get_key (f->view, "1"));
  g_assert_cmpstr (gtk_editable_get_text (_pd_terminal_view_get_scrap_entry (f->view)), ==, "1");
  gtk_toggle_button_set_active (_pd_terminal_view_get_scrap_button (f->view, PD_SCRAP_MACHINE), TRUE);
  pd_gui_screenshot (GTK_WIDGET (f->window), "terminal-report");
  click_named (f, "report-confirm");
  assert_message (f, TRUE, NULL);
  g_assert_cmpstr (_pd_terminal_view_get_page (f->view), ==, "work");
  op = store_op (f, 10);
  pd_test_assert_qty (op->good, "3");
  pd_test_assert_qty (op->scrap, "1");
  g_clear_pointer (&op, pd_wo_operation_free);
  event = last_event (f);
  g_assert_cmpint (event->kind, ==, PD_WO_ACTION_REPORT);
  g_assert_cmpstr (event->reason, ==, "machine");
  g_assert_cmpstr (event->source, ==, "manual");
  g_assert_cmpstr (event->user, ==, "operator");
  g_clear_pointer (&event, pd_wo_event_free);
  assert_figure (f, "good", "3");
  assert_figure (f, "scrap", "1");
  assert_figure (f, "remaining", "2");

  /* 5 more good is beyond the 5 ordered: the core refuses the operator,
   * in its own words, and the terminal offers a supervisor's approval. */
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (_pd_terminal_view_get_button (f->view, "approval"))));
  g_assert_false (pd_store_report_operation (f->gui->store, f->user, f->number, 10,
                                             pd_test_qty ("5"), 0, PD_SCRAP_OTHER, "manual", &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_PERMISSION_DENIED);
  over_message = g_strdup (error->message);
  g_clear_error (&error);
  before = n_events (f);
  click_named (f, "report");
  gtk_editable_set_text (_pd_terminal_view_get_good_entry (f->view), "5");
  click_named (f, "report-confirm");
  assert_message (f, FALSE, over_message);
  g_assert_cmpuint (n_events (f), ==, before);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (_pd_terminal_view_get_button (f->view, "approval"))));
  assert_big (GTK_WIDGET (_pd_terminal_view_get_button (f->view, "approval")));
  pd_gui_screenshot (GTK_WIDGET (f->window), "terminal-refused");

  /* A wrong password, then an operator's own password: both refused. */
  click_named (f, "approval");
  g_assert_cmpstr (_pd_terminal_view_get_page (f->view), ==, "supervisor");
  gtk_editable_set_text (_pd_terminal_view_get_supervisor_name_entry (f->view), "supervisor");
  gtk_editable_set_text (_pd_terminal_view_get_supervisor_password_entry (f->view), "not-the-password");
  click_named (f, "approve");
  assert_message (f, FALSE, _("Wrong user name or password."));
  g_assert_cmpstr (_pd_terminal_view_get_page (f->view), ==, "supervisor");
  g_assert_cmpstr (gtk_editable_get_text (_pd_terminal_view_get_supervisor_password_entry (f->view)), ==, "");
  gtk_editable_set_text (_pd_terminal_view_get_supervisor_name_entry (f->view), "operator");
  gtk_editable_set_text (_pd_terminal_view_get_supervisor_password_entry (f->view), PD_TEST_PASSWORD);
  click_named (f, "approve");
  assert_message (f, FALSE, NULL);
  g_assert_nonnull (strstr (_pd_terminal_view_get_message (f->view, NULL), "operator"));
  g_assert_cmpuint (n_events (f), ==, before);

  /* The supervisor's password: the same report, written as the
   * supervisor's, while the operator stays at the terminal. */
  gtk_editable_set_text (_pd_terminal_view_get_supervisor_name_entry (f->view), "supervisor");
  gtk_editable_set_text (_pd_terminal_view_get_supervisor_password_entry (f->view), PD_TEST_PASSWORD);
  click_named (f, "approve");
  assert_message (f, TRUE, NULL);
  g_assert_nonnull (strstr (_pd_terminal_view_get_message (f->view, NULL), "supervisor"));
  g_assert_cmpstr (_pd_terminal_view_get_page (f->view), ==, "work");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (_pd_terminal_view_get_button (f->view, "approval"))));
  g_assert_cmpuint (n_events (f), ==, before + 1);
  op = store_op (f, 10);
  pd_test_assert_qty (op->good, "8");
  g_clear_pointer (&op, pd_wo_operation_free);
  event = last_event (f);
  g_assert_cmpint (event->kind, ==, PD_WO_ACTION_REPORT);
  g_assert_cmpstr (event->user, ==, "supervisor");
  g_clear_pointer (&event, pd_wo_event_free);
  assert_figure (f, "good", "8");
  assert_figure (f, "remaining", "0");

  /* Complete: nothing remains, so no confirmation. */
  click_named (f, "complete");
  assert_message (f, TRUE, NULL);
  g_assert_cmpint (op_status (f, 10), ==, PD_WO_OP_DONE);
  g_assert_cmpuint (_pd_terminal_view_get_n_entries (f->view), ==, 0);
  g_assert_null (_pd_terminal_view_get_current (f->view));

  /* The next work center's terminal has its operation ready. */
  click_named (f, "change");
  choose (f, "WC2");
  g_assert_cmpuint (_pd_terminal_view_get_n_entries (f->view), ==, 1);
  current = _pd_terminal_view_get_current (f->view);
  g_assert_nonnull (current);
  g_assert_cmpuint (current->seq, ==, 20);
  g_assert_cmpint (current->status, ==, PD_WO_OP_READY);
  g_assert_cmpint (op_status (f, 20), ==, PD_WO_OP_READY);
  assert_sensitive (f, "start", TRUE);
  pd_gui_screenshot (GTK_WIDGET (f->window), "terminal-next");
}

/* Completing short asks first. */
static void
test_complete_short_confirms (void)
{
  g_autoptr(Fixture) f = fixture_new ("operator");
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  guint before;

  /* The work center set in the preferences: no chooser. */
  g_settings_set_string (settings, "terminal-work-center", "WC1");
  PD_GUI_WAIT_UNTIL (!_pd_terminal_view_is_busy (f->view));
  g_assert_cmpstr (_pd_terminal_view_get_page (f->view), ==, "work");
  click_named (f, "start");

  before = n_events (f);
  click_named (f, "complete");
  g_assert_cmpstr (_pd_terminal_view_get_page (f->view), ==, "complete");
  click_named (f, "complete-confirm");
  g_assert_cmpint (op_status (f, 10), ==, PD_WO_OP_DONE);
  g_assert_cmpuint (n_events (f), ==, before + 1);
}

/* A changeover: the operator pauses the running order, chooses another
 * ready one in the dispatch list and starts it; the paused one waits. */
static void
test_changeover (void)
{
  g_autoptr(Fixture) f = fixture_new ("operator");
  g_autoptr(PdWorkOrder) wo = pd_work_order_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *warning = NULL;
  g_autoptr(PdWorkOrder) second = NULL;

  wo->product_sku = g_strdup ("P");
  wo->qty = pd_test_qty ("2");
  wo->due = g_strdup ("2099-02-01T12:00:00Z");
  g_assert_true (pd_store_create_work_order (f->gui->store, f->supervisor, wo, &warning, &error));
  g_assert_no_error (error);
  for (PdWoAction a = PD_WO_ACTION_RELEASE; a <= PD_WO_ACTION_ISSUE; a++)
    {
      g_assert_true (pd_store_work_order_action (f->gui->store, f->supervisor, wo->number, a, 0, &error));
      g_assert_no_error (error);
    }

  choose (f, "WC1");
  PD_GUI_WAIT_UNTIL (!_pd_terminal_view_is_busy (f->view) && _pd_terminal_view_get_n_entries (f->view) == 2);
  g_assert_cmpstr (_pd_terminal_view_get_current (f->view)->number, ==, f->number);
  click_named (f, "start");
  click_named (f, "pause");
  click (f, _pd_terminal_view_get_pause_button (f->view, PD_PAUSE_CHANGEOVER));
  g_assert_cmpint (op_status (f, 10), ==, PD_WO_OP_PAUSED);

  /* The paused one stays current until another is chosen; the list marks
   * the current one. */
  g_assert_cmpstr (_pd_terminal_view_get_current (f->view)->number, ==, f->number);
  g_assert_cmpint (gtk_list_box_row_get_index (gtk_list_box_get_selected_row (f->view->dispatch_list)), ==, 0);
  g_assert_true (_pd_terminal_view_select (f->view, wo->number, 10));
  g_assert_cmpstr (_pd_terminal_view_get_current (f->view)->number, ==, wo->number);
  g_assert_cmpint (gtk_list_box_row_get_index (gtk_list_box_get_selected_row (f->view->dispatch_list)), ==, 1);
  assert_sensitive (f, "start", TRUE);
  click_named (f, "start");

  second = pd_store_find_work_order (f->gui->store, wo->number, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pd_work_order_get_operation (second, 10)->status, ==, PD_WO_OP_RUNNING);
  g_assert_cmpint (op_status (f, 10), ==, PD_WO_OP_PAUSED);
  /* What runs is current now, whatever was selected. */
  g_assert_cmpstr (_pd_terminal_view_get_current (f->view)->number, ==, wo->number);
}

/* A role without MES_EXECUTE sees the terminal, with the actions off. */
static void
test_without_permission (void)
{
  g_autoptr(Fixture) f = fixture_new ("warehouse");

  choose (f, "WC1");
  g_assert_nonnull (_pd_terminal_view_get_current (f->view));
  assert_sensitive (f, "start", FALSE);
  assert_sensitive (f, "report", FALSE);
  assert_sensitive (f, "complete", FALSE);
}

/* A work center with a good parts counter: the terminal says the machine
 * counts, and shows the counter's live value when it has the acquisition. */
static void
test_machine_counted (void)
{
  g_autoptr(Fixture) f = fixture_new ("operator");
  g_autoptr(PdUser) admin = pd_test_login (f->gui->store, "admin");
  g_autoptr(PdWorkCenter) wc = pd_work_center_new ();
  g_autoptr(PdAcquisition) acquisition = NULL;
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GError) error = NULL;
  PdTerminalView *view;
  GtkWindow *window;
  PdShift shift = { 0, };
  gint64 plc;

  plc = pd_test_store_add_device (f->gui->store, admin, "PLC");
  pd_test_store_add_tag (f->gui->store, admin, plc, "good", PD_AREA_HOLDING, 10, PD_TAG_TYPE_UINT16, NULL);
  wc->code = g_strdup ("WC3");
  wc->name = g_strdup ("Press with counter");
  wc->good_tag = g_strdup ("PLC/good");
  g_assert_true (pd_shift_parse ("mon-fri:06:00-14:00", &shift, &error));
  pd_work_center_add_shift (wc, &shift);
  pd_shift_clear (&shift);
  g_assert_true (pd_store_add_work_center (f->gui->store, f->supervisor, wc, &error));
  g_assert_no_error (error);

  /* The chooser follows the new work center. */
  PD_GUI_WAIT_UNTIL (!_pd_terminal_view_is_busy (f->view) &&
                     _pd_terminal_view_get_chooser_button (f->view, "WC3") != NULL);
  choose (f, "WC3");
  g_assert_true (_pd_terminal_view_is_machine_counted (f->view));
  g_assert_null (_pd_terminal_view_get_counter_text (f->view));

  /* WC1 is not counted by a machine. */
  click_named (f, "change");
  choose (f, "WC1");
  g_assert_false (_pd_terminal_view_is_machine_counted (f->view));

  /* With the acquisition (not polling here: no value yet). */
  g_settings_set_string (settings, "terminal-work-center", "WC3");
  acquisition = pd_acquisition_new (f->gui->store, NULL);
  view = pd_terminal_view_new (f->gui->store, f->user, acquisition);
  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_child (window, GTK_WIDGET (view));
  gtk_window_present (window);
  PD_GUI_WAIT_UNTIL (!_pd_terminal_view_is_busy (view) && _pd_terminal_view_is_machine_counted (view));
  g_assert_cmpstr (pd_terminal_view_get_work_center (view), ==, "WC3");
  g_assert_cmpstr (_pd_terminal_view_get_counter_text (view), ==, _("Counter: no value yet"));
  gtk_window_destroy (window);
  pd_gui_flush ();
  g_assert_finalize_object (g_steal_pointer (&acquisition));
}

/* The supervisors' read-only dispatch lists of every work center follow
 * the store. */
static void
test_dispatch_lists (void)
{
  g_autoptr(Fixture) f = fixture_new ("supervisor");
  g_autoptr(GError) error = NULL;
  PdDispatchView *view = pd_dispatch_view_new (f->gui->store, f->supervisor);
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  const PdTerminalEntry *entry;
  int natural = 0;

  gtk_window_set_default_size (window, 1280 - 261, 700);
  gtk_window_set_child (window, GTK_WIDGET (view));
  gtk_window_present (window);
  PD_GUI_WAIT_UNTIL (!_pd_dispatch_view_is_busy (view));

  /* By work center: op 10 ready at WC1, op 20 waiting for it at WC2. */
  g_assert_cmpuint (_pd_dispatch_view_get_n_shown (view), ==, 2);
  entry = _pd_dispatch_view_get_shown (view, 0);
  g_assert_cmpstr (entry->work_center_code, ==, "WC1");
  g_assert_cmpuint (entry->seq, ==, 10);
  g_assert_cmpint (entry->status, ==, PD_WO_OP_READY);
  entry = _pd_dispatch_view_get_shown (view, 1);
  g_assert_cmpstr (entry->work_center_code, ==, "WC2");
  g_assert_cmpint (entry->status, ==, PD_WO_OP_PENDING);
  gtk_widget_measure (GTK_WIDGET (view), GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
  g_assert_cmpint (natural, <=, 1280 - 261);

  g_assert_true (_pd_dispatch_view_set_filter (view, "WC2"));
  g_assert_cmpuint (_pd_dispatch_view_get_n_shown (view), ==, 1);
  g_assert_cmpstr (_pd_dispatch_view_get_shown (view, 0)->work_center_code, ==, "WC2");
  g_assert_true (_pd_dispatch_view_set_filter (view, NULL));
  g_assert_cmpuint (_pd_dispatch_view_get_n_shown (view), ==, 2);

  /* Someone starts op 10 elsewhere: the list reads it again. */
  g_assert_true (pd_store_start_operation (f->gui->store, f->supervisor, f->number, 10, &error));
  g_assert_no_error (error);
  PD_GUI_WAIT_UNTIL (!_pd_dispatch_view_is_busy (view) &&
                     _pd_dispatch_view_get_shown (view, 0)->status == PD_WO_OP_RUNNING);
  pd_gui_screenshot (GTK_WIDGET (window), "dispatch-lists");
  gtk_window_destroy (window);
  pd_gui_flush ();
}

/* The preferences choose the work center; an open terminal follows. */
static void
test_preferences_choose_work_center (void)
{
  g_autoptr(Fixture) f = fixture_new ("operator");
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *chosen = NULL;
  PdPreferencesWindow *prefs;
  AdwComboRow *row;
  GListModel *model;

  g_assert_cmpstr (_pd_terminal_view_get_page (f->view), ==, "choose");
  prefs = pd_preferences_window_new (f->gui->store, f->user);
  gtk_window_present (GTK_WINDOW (prefs));
  PD_GUI_WAIT_UNTIL (_pd_preferences_window_is_terminal_loaded (prefs));
  row = _pd_preferences_window_get_terminal_row (prefs);
  model = adw_combo_row_get_model (row);
  /* "Choose at the terminal", WC1, WC2. */
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);
  g_assert_cmpuint (adw_combo_row_get_selected (row), ==, 0);

  adw_combo_row_set_selected (row, 2);
  chosen = g_settings_get_string (settings, "terminal-work-center");
  g_assert_cmpstr (chosen, ==, "WC2");
  PD_GUI_WAIT_UNTIL (!_pd_terminal_view_is_busy (f->view) &&
                     g_strcmp0 (_pd_terminal_view_get_page (f->view), "work") == 0);
  g_assert_cmpstr (pd_terminal_view_get_work_center (f->view), ==, "WC2");
  /* Op 20 waits for op 10: listed, not startable. */
  g_assert_cmpuint (_pd_terminal_view_get_n_entries (f->view), ==, 1);
  g_assert_cmpint (_pd_terminal_view_get_entry (f->view, 0)->status, ==, PD_WO_OP_PENDING);
  assert_sensitive (f, "start", FALSE);

  /* Back to asking at the terminal. */
  adw_combo_row_set_selected (row, 0);
  g_clear_pointer (&chosen, g_free);
  chosen = g_settings_get_string (settings, "terminal-work-center");
  g_assert_cmpstr (chosen, ==, "");
  gtk_window_destroy (GTK_WINDOW (prefs));
  pd_gui_flush ();
}

int
main (int   argc,
      char *argv[])
{
  pd_gui_test_init (&argc, &argv);

  pd_gui_test_add ("/gui/terminal/operator-runs-an-operation", test_operator_runs_an_operation);
  pd_gui_test_add ("/gui/terminal/complete-short-confirms", test_complete_short_confirms);
  pd_gui_test_add ("/gui/terminal/changeover", test_changeover);
  pd_gui_test_add ("/gui/terminal/without-permission", test_without_permission);
  pd_gui_test_add ("/gui/terminal/preferences-choose-work-center", test_preferences_choose_work_center);
  pd_gui_test_add ("/gui/terminal/machine-counted", test_machine_counted);
  pd_gui_test_add ("/gui/terminal/dispatch-lists", test_dispatch_lists);

  return g_test_run ();
}
