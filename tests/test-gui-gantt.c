/* test-gui-gantt.c — the Gantt board: bars from the store's schedule,
 * dragging a bar onto another (refused, nothing changes), to another
 * kind of work center (refused), to a free spot (locked there in the
 * store), unlocking it, and a read-only board for operators
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-gui-gantt"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pd-gui-test-utils.h"
#include "pd-store-schedule.h"
#include "mes/pd-gantt-chart-private.h"
#include "mes/pd-gantt-view-private.h"

#define HOUR (G_GINT64_CONSTANT (3600) * G_USEC_PER_SEC)

typedef struct
{
  PdGuiFixture *gui;
  PdUser       *admin;
  PdUser       *supervisor;
  char         *wo_a;
  char         *wo_b;
  GtkWindow    *window;
  PdGanttView  *view;
  PdGanttChart *chart;
} Fixture;

/* Working around the clock, so that the test does not depend on the hour
 * or the day it runs. */
static void
add_work_center (Fixture    *f,
                 const char *code,
                 const char *kind)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdWorkCenter) wc = pd_work_center_new ();
  PdShift shift = { 0, };

  wc->code = g_strdup (code);
  wc->name = g_strdup_printf ("Machine %s", code);
  wc->kind = g_strdup (kind);
  g_assert_true (pd_shift_parse ("mon-sun:00:00-24:00", &shift, &error));
  g_assert_no_error (error);
  pd_work_center_add_shift (wc, &shift);
  pd_shift_clear (&shift);
  g_assert_true (pd_store_add_work_center (f->gui->store, f->supervisor, wc, &error));
  g_assert_no_error (error);
}

/* P: operation 10 on PRESS1 (1 h for 2 units), 20 on PRESS2 (1 h). */
static void
set_routing (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdRouting) routing = pd_routing_new ();

  routing->product_sku = g_strdup ("P");
  g_ptr_array_add (routing->ops, pd_routing_op_new (10, "PRESS1", 0, HOUR / 2));
  g_ptr_array_add (routing->ops, pd_routing_op_new (20, "PRESS2", 0, HOUR / 2));
  g_assert_true (pd_store_set_routing (f->gui->store, f->supervisor, routing, &error));
  g_assert_no_error (error);
}

static char *
create_released (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdWorkOrder) wo = pd_work_order_new ();
  g_autofree char *warning = NULL;

  wo->product_sku = g_strdup ("P");
  wo->qty = pd_test_qty ("2");
  wo->due = g_strdup ("2099-01-01T12:00:00Z");
  g_assert_true (pd_store_create_work_order (f->gui->store, f->supervisor, wo, &warning, &error));
  g_assert_no_error (error);
  g_assert_true (pd_store_release_work_order (f->gui->store, f->supervisor, wo->number, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&wo->number);
}

static Fixture *
fixture_new (void)
{
  Fixture *f = g_new0 (Fixture, 1);
  g_autoptr(GError) error = NULL;

  f->gui = pd_gui_fixture_new (TRUE);
  f->admin = pd_test_login (f->gui->store, "admin");
  f->supervisor = pd_test_login (f->gui->store, "supervisor");
  pd_test_add_item (f->gui->store, f->admin, "P", "pcs", NULL, FALSE);
  add_work_center (f, "PRESS1", "press");
  add_work_center (f, "PRESS2", "press");
  add_work_center (f, "LATHE1", "lathe");
  set_routing (f);
  f->wo_a = create_released (f);
  f->wo_b = create_released (f);
  g_assert_true (pd_store_schedule_all (f->gui->store, f->supervisor, NULL, NULL, &error));
  g_assert_no_error (error);
  return f;
}

static void
fixture_free (Fixture *f)
{
  if (f->window)
    gtk_window_destroy (f->window);
  pd_gui_flush ();
  g_clear_object (&f->admin);
  g_clear_object (&f->supervisor);
  g_free (f->wo_a);
  g_free (f->wo_b);
  pd_gui_fixture_free (f->gui);
  g_free (f);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Fixture, fixture_free)

/* The board alone in a window of its own, as USER sees it. */
static void
open_board (Fixture    *f,
            const char *user_name)
{
  g_autoptr(PdUser) user = pd_test_login (f->gui->store, user_name);

  f->view = pd_gantt_view_new (f->gui->store, user);
  f->chart = _pd_gantt_view_get_chart (f->view);
  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 1280 - 261, 700);
  gtk_window_set_child (f->window, GTK_WIDGET (f->view));
  gtk_window_present (f->window);
  PD_GUI_WAIT_UNTIL (_pd_gantt_view_get_n_loads (f->view) >= 1 &&
                     pd_gantt_chart_get_schedule (f->chart) != NULL &&
                     gtk_widget_get_width (GTK_WIDGET (f->chart)) > PD_GANTT_LEFT_WIDTH);
  pd_gui_flush ();
}

static guint
find_op (Fixture    *f,
         const char *number,
         guint       seq)
{
  PdSchedule *schedule = pd_gantt_chart_get_schedule (f->chart);

  for (guint i = 0; i < pd_schedule_get_n_operations (schedule); i++)
    {
      const PdSchedOp *o = pd_schedule_get_operation (schedule, i);

      if (o->seq == seq && g_strcmp0 (pd_schedule_get_order (schedule, o->order)->number, number) == 0)
        return i;
    }
  g_error ("%s · %u is not on the board", number, seq);
}

/* The operation's planned start, work center and lock in the store. */
static char *
store_row (Fixture    *f,
           const char *number,
           guint       seq)
{
  sqlite3 *db = pd_store_get_db (f->gui->store);
  sqlite3_stmt *stmt = NULL;
  char *row;

  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT o.planned_start, o.planned_end, c.code, o.locked "
                                       "FROM wo_operations o JOIN work_orders w ON w.id = o.work_order_id "
                                       "JOIN work_centers c ON c.id = o.work_center_id "
                                       "WHERE w.number = ? AND o.seq = ?", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, number, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 2, seq);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  row = g_strdup_printf ("%s|%s|%s|%d", sqlite3_column_text (stmt, 0), sqlite3_column_text (stmt, 1),
                         sqlite3_column_text (stmt, 2), sqlite3_column_int (stmt, 3));
  sqlite3_finalize (stmt);
  return row;
}

static double
px_per_hour (Fixture *f)
{
  return 100.0 * HOUR / (double) (pd_gantt_chart_time_at (f->chart, 1100) - pd_gantt_chart_time_at (f->chart, 1000));
}

static void
center_of (Fixture *f,
           guint    op,
           double  *x,
           double  *y)
{
  graphene_rect_t rect;

  g_assert_true (pd_gantt_chart_get_bar_rect (f->chart, op, &rect));
  g_assert_cmpfloat (rect.origin.x, >=, PD_GANTT_LEFT_WIDTH);
  *x = rect.origin.x + MIN (rect.size.width / 2, 10);
  *y = rect.origin.y + rect.size.height / 2;
}

static void
test_drag (void)
{
  g_autoptr(Fixture) f = fixture_new ();
  PdSchedule *schedule;
  const PdSchedOp *a10, *b10, *b20;
  guint op_a10, op_b10, op_b20, wc, n_jobs;
  g_autofree char *before_b10 = NULL;
  g_autofree char *before_b20 = NULL;
  g_autofree char *after = NULL;
  g_autofree char *prefix = NULL;
  const char *message = NULL;
  graphene_rect_t rect;
  gboolean valid = TRUE;
  gint64 start = 0, b20_start;
  double x, y;
  int natural;

  open_board (f, "supervisor");
  pd_gui_screenshot (GTK_WIDGET (f->window), "gantt");

  /* The board shows both orders' bars, and nothing is cut off in a
   * window as wide as the Production section's content. */
  schedule = pd_gantt_chart_get_schedule (f->chart);
  g_assert_cmpuint (pd_schedule_get_n_work_centers (schedule), ==, 3);
  g_assert_cmpuint (pd_schedule_get_n_operations (schedule), ==, 4);
  op_a10 = find_op (f, f->wo_a, 10);
  op_b10 = find_op (f, f->wo_b, 10);
  op_b20 = find_op (f, f->wo_b, 20);
  a10 = pd_schedule_get_operation (schedule, op_a10);
  b10 = pd_schedule_get_operation (schedule, op_b10);
  g_assert_cmpint (a10->start, >, 0);
  g_assert_cmpint (b10->start, >=, a10->end);
  g_assert_true (pd_gantt_chart_get_bar_rect (f->chart, op_b10, &rect));
  gtk_widget_measure (GTK_WIDGET (f->view), GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
  g_assert_cmpint (natural, <=, 1280 - 261);

  /* A click selects a bar and shows its order. */
  center_of (f, op_b10, &x, &y);
  pd_gantt_chart_drag_begin (f->chart, x, y);
  pd_gantt_chart_drag_end (f->chart);
  g_assert_cmpint (pd_gantt_chart_get_selected (f->chart), ==, op_b10);
  g_assert_nonnull (strstr (gtk_label_get_text (_pd_gantt_view_get_info_label (f->view)), f->wo_b));

  /* B's first operation dragged onto A's: refused while dragging (red,
   * the core's message over the board), and nothing changes on drop. */
  before_b10 = store_row (f, f->wo_b, 10);
  n_jobs = _pd_gantt_view_get_n_jobs_done (f->view);
  pd_gantt_chart_drag_begin (f->chart, x, y);
  pd_gantt_chart_drag_update (f->chart, (a10->start - b10->start) / (double) HOUR * px_per_hour (f), 0);
  g_assert_true (pd_gantt_chart_get_drag (f->chart, NULL, &wc, &start, &valid, &message));
  g_assert_false (valid);
  g_assert_nonnull (message);
  g_assert_cmpuint (wc, ==, b10->work_center);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (_pd_gantt_view_get_drag_label (f->view))));
  g_assert_cmpstr (gtk_label_get_text (_pd_gantt_view_get_drag_label (f->view)), ==, message);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (_pd_gantt_view_get_drag_label (f->view)), "invalid"));
  {
    g_autoptr(GError) error = NULL;
    gint64 end;

    /* The message is the core's own for that move. */
    g_assert_false (pd_schedule_check_move (schedule, op_b10, wc, start, &end, &error));
    g_assert_cmpstr (error->message, ==, message);
  }
  pd_gui_flush ();
  pd_gui_screenshot (GTK_WIDGET (f->window), "gantt-refused");
  pd_gantt_chart_drag_end (f->chart);
  g_assert_false (pd_gantt_chart_get_drag (f->chart, NULL, NULL, NULL, NULL, NULL));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (_pd_gantt_view_get_drag_label (f->view))));
  pd_gui_flush ();
  g_assert_cmpuint (_pd_gantt_view_get_n_jobs_done (f->view), ==, n_jobs);
  after = store_row (f, f->wo_b, 10);
  g_assert_cmpstr (after, ==, before_b10);
  g_clear_pointer (&after, g_free);

  /* Down to the lathe's row: another kind, refused. */
  pd_gantt_chart_drag_begin (f->chart, x, y);
  {
    int lathe = -1;

    for (guint i = 0; i < pd_schedule_get_n_work_centers (schedule); i++)
      if (g_strcmp0 (pd_schedule_get_work_center (schedule, i)->code, "LATHE1") == 0)
        lathe = i;
    g_assert_cmpint (lathe, >=, 0);
    pd_gantt_chart_drag_update (f->chart, 0, ((int) lathe - (int) b10->work_center) * PD_GANTT_ROW_HEIGHT);
    g_assert_true (pd_gantt_chart_get_drag (f->chart, NULL, &wc, NULL, &valid, &message));
    g_assert_cmpuint (wc, ==, lathe);
    g_assert_false (valid);
    g_assert_nonnull (strstr (message, "LATHE1"));
  }
  pd_gantt_chart_drag_end (f->chart);
  pd_gui_flush ();
  g_assert_cmpuint (_pd_gantt_view_get_n_jobs_done (f->view), ==, n_jobs);

  /* B's last operation four hours later, where nothing is: green while
   * dragging, then written and locked in the store at that time. */
  b20 = pd_schedule_get_operation (schedule, op_b20);
  before_b20 = store_row (f, f->wo_b, 20);
  g_assert_true (g_str_has_suffix (before_b20, "|0"));
  center_of (f, op_b20, &x, &y);
  pd_gantt_chart_drag_begin (f->chart, x, y);
  pd_gantt_chart_drag_update (f->chart, 4 * px_per_hour (f), 0);
  g_assert_true (pd_gantt_chart_get_drag (f->chart, NULL, &wc, &start, &valid, &message));
  g_assert_true (valid);
  g_assert_null (message);
  g_assert_cmpuint (wc, ==, b20->work_center);
  g_assert_cmpint (ABS (start - (b20->start + 4 * HOUR)), <=, HOUR / 4);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (_pd_gantt_view_get_drag_label (f->view)), "valid"));
  b20_start = start;
  pd_gantt_chart_drag_end (f->chart);
  /* The ghost stays where it was dropped until the store answers. */
  g_assert_true (pd_gantt_chart_get_drag (f->chart, NULL, NULL, NULL, NULL, NULL));
  PD_GUI_WAIT_UNTIL (_pd_gantt_view_get_n_jobs_done (f->view) == n_jobs + 1);
  PD_GUI_WAIT_UNTIL (!_pd_gantt_view_is_loading (f->view) &&
                     !pd_gantt_chart_get_drag (f->chart, NULL, NULL, NULL, NULL, NULL));
  g_assert_false (gtk_revealer_get_reveal_child (_pd_gantt_view_get_banner (f->view)));

  schedule = pd_gantt_chart_get_schedule (f->chart);
  op_b20 = find_op (f, f->wo_b, 20);
  b20 = pd_schedule_get_operation (schedule, op_b20);
  g_assert_cmpint (b20->state, ==, PD_SCHED_LOCKED);
  g_assert_cmpint (b20->start, ==, b20_start);
  after = store_row (f, f->wo_b, 20);
  g_assert_true (g_str_has_suffix (after, "|PRESS2|1"));
  g_assert_cmpstr (after, !=, before_b20);
  /* The selection followed the bar through the reload. */
  g_assert_cmpint (pd_gantt_chart_get_selected (f->chart), ==, op_b20);
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (_pd_gantt_view_get_unlock_button (f->view))));
  g_clear_pointer (&after, g_free);

  /* Unlock: the store lets the scheduler move it again. */
  n_jobs = _pd_gantt_view_get_n_jobs_done (f->view);
  gtk_widget_activate (GTK_WIDGET (_pd_gantt_view_get_unlock_button (f->view)));
  PD_GUI_WAIT_UNTIL (_pd_gantt_view_get_n_jobs_done (f->view) == n_jobs + 1);
  after = store_row (f, f->wo_b, 20);
  g_assert_true (g_str_has_suffix (after, "|PRESS2|0"));
  PD_GUI_WAIT_UNTIL (!_pd_gantt_view_is_loading (f->view) &&
                     pd_schedule_get_operation (pd_gantt_chart_get_schedule (f->chart),
                                                find_op (f, f->wo_b, 20))->state == PD_SCHED_FREE);

  /* B's first operation down to PRESS2 (the same kind), two hours on,
   * between A's operation 20 and B's: moved there and locked. */
  {
    const PdSchedOp *b10_now;
    int press1 = -1, press2 = -1;

    schedule = pd_gantt_chart_get_schedule (f->chart);
    for (guint i = 0; i < pd_schedule_get_n_work_centers (schedule); i++)
      {
        if (g_strcmp0 (pd_schedule_get_work_center (schedule, i)->code, "PRESS1") == 0)
          press1 = i;
        if (g_strcmp0 (pd_schedule_get_work_center (schedule, i)->code, "PRESS2") == 0)
          press2 = i;
      }
    op_b10 = find_op (f, f->wo_b, 10);
    b10_now = pd_schedule_get_operation (schedule, op_b10);
    g_assert_cmpint (b10_now->work_center, ==, press1);
    n_jobs = _pd_gantt_view_get_n_jobs_done (f->view);
    center_of (f, op_b10, &x, &y);
    pd_gantt_chart_drag_begin (f->chart, x, y);
    pd_gantt_chart_drag_update (f->chart, 2 * px_per_hour (f), (press2 - press1) * PD_GANTT_ROW_HEIGHT);
    g_assert_true (pd_gantt_chart_get_drag (f->chart, NULL, &wc, &start, &valid, &message));
    g_assert_cmpuint (wc, ==, press2);
    g_assert_true (valid);
    pd_gantt_chart_drag_end (f->chart);
    PD_GUI_WAIT_UNTIL (_pd_gantt_view_get_n_jobs_done (f->view) == n_jobs + 1);
    g_clear_pointer (&after, g_free);
    after = store_row (f, f->wo_b, 10);
    g_assert_true (g_str_has_suffix (after, "|PRESS2|1"));
    PD_GUI_WAIT_UNTIL (!_pd_gantt_view_is_loading (f->view) &&
                       !pd_gantt_chart_get_drag (f->chart, NULL, NULL, NULL, NULL, NULL));
    schedule = pd_gantt_chart_get_schedule (f->chart);
    b10_now = pd_schedule_get_operation (schedule, find_op (f, f->wo_b, 10));
    g_assert_cmpint (b10_now->work_center, ==, press2);
    g_assert_cmpint (b10_now->start, ==, start);
    g_assert_cmpint (b10_now->state, ==, PD_SCHED_LOCKED);
  }

  /* Schedule: the core's result in the banner. */
  n_jobs = _pd_gantt_view_get_n_jobs_done (f->view);
  gtk_widget_activate (GTK_WIDGET (_pd_gantt_view_get_schedule_button (f->view)));
  PD_GUI_WAIT_UNTIL (_pd_gantt_view_get_n_jobs_done (f->view) == n_jobs + 1);
  g_assert_true (gtk_revealer_get_reveal_child (_pd_gantt_view_get_banner (f->view)));
  prefix = g_strdup_printf (ngettext ("Scheduled %u work order", "Scheduled %u work orders", 2), 2);
  g_assert_true (g_str_has_prefix (gtk_label_get_text (_pd_gantt_view_get_banner_label (f->view)), prefix));

  /* Issue the selected bar's order, scheduled now, from the board: its
   * first operation becomes ready and the board no longer offers it. */
  PD_GUI_WAIT_UNTIL (!_pd_gantt_view_is_loading (f->view) &&
                     gtk_widget_get_sensitive (GTK_WIDGET (_pd_gantt_view_get_issue_button (f->view))));
  n_jobs = _pd_gantt_view_get_n_jobs_done (f->view);
  gtk_widget_activate (GTK_WIDGET (_pd_gantt_view_get_issue_button (f->view)));
  PD_GUI_WAIT_UNTIL (_pd_gantt_view_get_n_jobs_done (f->view) == n_jobs + 1);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(PdWorkOrder) issued = pd_store_find_work_order (f->gui->store, f->wo_b, &error);

    g_assert_no_error (error);
    g_assert_cmpint (issued->status, ==, PD_WO_ISSUED);
    g_assert_cmpint (pd_work_order_get_operation (issued, 10)->status, ==, PD_WO_OP_READY);
  }
  PD_GUI_WAIT_UNTIL (!_pd_gantt_view_is_loading (f->view) &&
                     !gtk_widget_get_sensitive (GTK_WIDGET (_pd_gantt_view_get_issue_button (f->view))));
}

/* A move the store refuses (the other order was locked there meanwhile,
 * behind the board's back): the banner says why and the bar snaps back. */
static void
test_refused_by_store (void)
{
  g_autoptr(Fixture) f = fixture_new ();
  g_autoptr(GError) error = NULL;
  PdSchedule *schedule;
  const PdSchedOp *a20, *b20;
  guint op_b20, n_jobs;
  gint64 start;
  double x, y;

  open_board (f, "supervisor");
  schedule = pd_gantt_chart_get_schedule (f->chart);
  op_b20 = find_op (f, f->wo_b, 20);
  a20 = pd_schedule_get_operation (schedule, find_op (f, f->wo_a, 20));
  b20 = pd_schedule_get_operation (schedule, op_b20);

  /* Hold the reload back so that the board still has the old plan. */
  g_signal_handlers_block_matched (f->gui->store, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, f->view);
  start = b20->start + 4 * HOUR;
  g_assert_true (pd_store_move_operation (f->gui->store, f->supervisor, f->wo_a, 20, NULL,
                                          start - (start % (HOUR / 4)), NULL, &error));
  g_assert_no_error (error);
  g_signal_handlers_unblock_matched (f->gui->store, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, f->view);
  g_assert_cmpint (a20->start, <, b20->start);

  n_jobs = _pd_gantt_view_get_n_jobs_done (f->view);
  center_of (f, op_b20, &x, &y);
  pd_gantt_chart_drag_begin (f->chart, x, y);
  pd_gantt_chart_drag_update (f->chart, 4 * px_per_hour (f), 0);
  pd_gantt_chart_drag_end (f->chart);
  PD_GUI_WAIT_UNTIL (_pd_gantt_view_get_n_jobs_done (f->view) == n_jobs + 1);
  g_assert_false (pd_gantt_chart_get_drag (f->chart, NULL, NULL, NULL, NULL, NULL));
  g_assert_true (gtk_revealer_get_reveal_child (_pd_gantt_view_get_banner (f->view)));
  g_assert_nonnull (strstr (gtk_label_get_text (_pd_gantt_view_get_banner_label (f->view)), f->wo_a));
  {
    g_autofree char *row = store_row (f, f->wo_b, 20);

    g_assert_true (g_str_has_suffix (row, "|0"));
  }
}

/* Sends KEYVAL to the chart's key controller, as a key press would. */
static void
press_key (Fixture *f,
           guint    keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (f->chart));

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);
      gboolean handled = FALSE;

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        {
          g_signal_emit_by_name (controller, "key-pressed", keyval, 0, 0, &handled);
          g_assert_true (handled);
          return;
        }
    }
  g_assert_not_reached ();
}

/* Operators see the board but cannot drag, schedule or unlock. */
static void
test_read_only (void)
{
  g_autoptr(Fixture) f = fixture_new ();
  guint op_b20;
  double x, y;

  open_board (f, "operator");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (_pd_gantt_view_get_schedule_button (f->view))));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (_pd_gantt_view_get_unlock_button (f->view))));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (_pd_gantt_view_get_issue_button (f->view))));
  op_b20 = find_op (f, f->wo_b, 20);
  center_of (f, op_b20, &x, &y);
  pd_gantt_chart_drag_begin (f->chart, x, y);
  pd_gantt_chart_drag_update (f->chart, 4 * px_per_hour (f), 0);
  g_assert_false (pd_gantt_chart_get_drag (f->chart, NULL, NULL, NULL, NULL, NULL));
  pd_gantt_chart_drag_end (f->chart);
  /* Selecting still works, by pointer and by keyboard: Left and Right
   * along a row, Up and Down to the nearest bar of the next row with bars. */
  g_assert_cmpint (pd_gantt_chart_get_selected (f->chart), ==, op_b20);
  press_key (f, GDK_KEY_Left);
  g_assert_cmpint (pd_gantt_chart_get_selected (f->chart), ==, find_op (f, f->wo_a, 20));
  press_key (f, GDK_KEY_Right);
  g_assert_cmpint (pd_gantt_chart_get_selected (f->chart), ==, op_b20);
  press_key (f, GDK_KEY_Up);
  g_assert_cmpint (pd_gantt_chart_get_selected (f->chart), ==, find_op (f, f->wo_b, 10));
  /* A's operation 20 starts when B's 10 does (both follow A's 10). */
  press_key (f, GDK_KEY_Down);
  g_assert_cmpint (pd_gantt_chart_get_selected (f->chart), ==, find_op (f, f->wo_a, 20));
  g_assert_nonnull (strstr (gtk_label_get_text (_pd_gantt_view_get_info_label (f->view)), f->wo_a));

  /* Zoom buttons and the chart agree. */
  gtk_toggle_button_set_active (_pd_gantt_view_get_zoom_button (f->view, PD_GANTT_ZOOM_WEEK), TRUE);
  g_assert_cmpint (pd_gantt_chart_get_zoom (f->chart), ==, PD_GANTT_ZOOM_WEEK);
  pd_gantt_chart_set_zoom (f->chart, PD_GANTT_ZOOM_SHIFT);
  g_assert_true (gtk_toggle_button_get_active (_pd_gantt_view_get_zoom_button (f->view, PD_GANTT_ZOOM_SHIFT)));
  pd_gui_flush ();
}

/* Dragging reuses the static layer: frames while dragging do not
 * rebuild it. Near the edge the board scrolls; Escape cancels. */
static void
test_static_layer (void)
{
  g_autoptr(Fixture) f = fixture_new ();
  guint op_b20, builds;
  double x, y;

  open_board (f, "supervisor");
  op_b20 = find_op (f, f->wo_b, 20);
  center_of (f, op_b20, &x, &y);
  builds = pd_gantt_chart_get_n_static_builds (f->chart);
  g_assert_cmpuint (builds, >, 0);
  pd_gantt_chart_drag_begin (f->chart, x, y);
  for (int i = 1; i <= 20; i++)
    {
      g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
      g_autoptr(GskRenderNode) node = NULL;

      pd_gantt_chart_drag_update (f->chart, i * 5, 0);
      GTK_WIDGET_GET_CLASS (f->chart)->snapshot (GTK_WIDGET (f->chart), snapshot);
      node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
      g_assert_nonnull (node);
    }
  g_assert_cmpuint (pd_gantt_chart_get_n_static_builds (f->chart), ==, builds);

  /* At the right edge the board scrolls on by itself, the bar with it. */
  {
    GtkAdjustment *hadj = gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (f->chart));
    double h0 = gtk_adjustment_get_value (hadj);
    gint64 before = 0, later = 0;

    pd_gantt_chart_drag_update (f->chart, gtk_widget_get_width (GTK_WIDGET (f->chart)) - 10 - x, 0);
    g_assert_true (pd_gantt_chart_get_drag (f->chart, NULL, NULL, &before, NULL, NULL));
    PD_GUI_WAIT_UNTIL (gtk_adjustment_get_value (hadj) > h0 + 100);
    g_assert_true (pd_gantt_chart_get_drag (f->chart, NULL, NULL, &later, NULL, NULL));
    g_assert_cmpint (later, >, before);
  }

  /* Escape: the bar goes back and nothing is written. */
  press_key (f, GDK_KEY_Escape);
  g_assert_false (pd_gantt_chart_get_drag (f->chart, NULL, NULL, NULL, NULL, NULL));
  pd_gantt_chart_drag_end (f->chart);
  pd_gui_flush ();
  g_assert_cmpuint (_pd_gantt_view_get_n_jobs_done (f->view), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  pd_gui_test_init (&argc, &argv);

  pd_gui_test_add ("/gui/gantt/drag", test_drag);
  pd_gui_test_add ("/gui/gantt/refused-by-store", test_refused_by_store);
  pd_gui_test_add ("/gui/gantt/read-only", test_read_only);
  pd_gui_test_add ("/gui/gantt/static-layer", test_static_layer);

  return g_test_run ();
}
