/* test-work-orders.c — work orders and operations in the core: every state
 * × every action of both state machines, precedence, overlap, reports and
 * tolerance by role, rebuilding the derived state from the events, the
 * append-only event log
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "pd-test-utils.h"

typedef struct
{
  char    *dir;
  PdStore *store;
  PdUser  *admin;
  PdUser  *supervisor;
  PdUser  *operator;
  PdUser  *warehouse;
} Fixture;

static void
add_work_center (Fixture    *f,
                 const char *code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdWorkCenter) wc = pd_work_center_new ();
  PdShift shift = { 0, };

  wc->code = g_strdup (code);
  wc->name = g_strdup_printf ("Work center %s", code);
  g_assert_true (pd_shift_parse ("mon-fri:06:00-14:00", &shift, &error));
  pd_work_center_add_shift (wc, &shift);
  pd_shift_clear (&shift);
  g_assert_true (pd_store_add_work_center (f->store, f->supervisor, wc, &error));
  g_assert_no_error (error);
}

/* Routing of PRODUCT: operations 10 on WC1 and 20 on WC2; 10 may overlap
 * its successor when OVERLAP. */
static void
set_routing (Fixture    *f,
             const char *product,
             gboolean    overlap)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdRouting) routing = pd_routing_new ();
  PdRoutingOp *op;

  routing->product_sku = g_strdup (product);
  op = pd_routing_op_new (10, "WC1", 600 * G_USEC_PER_SEC, 30 * G_USEC_PER_SEC);
  op->overlap = overlap;
  g_ptr_array_add (routing->ops, op);
  g_ptr_array_add (routing->ops, pd_routing_op_new (20, "WC2", 0, 45 * G_USEC_PER_SEC));
  g_assert_true (pd_store_set_routing (f->store, f->supervisor, routing, &error));
  g_assert_no_error (error);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->store = pd_test_store_open_populated (&f->dir);
  f->admin = pd_test_login (f->store, "admin");
  f->supervisor = pd_test_login (f->store, "supervisor");
  f->operator = pd_test_login (f->store, "operator");
  f->warehouse = pd_test_login (f->store, "warehouse");

  for (const char * const *sku = (const char * const []) { "P", "Q", "NOROUTE", "STEEL", NULL }; *sku; sku++)
    pd_test_add_item (f->store, f->admin, *sku, "pcs", NULL, FALSE);
  add_work_center (f, "WC1");
  add_work_center (f, "WC2");
  set_routing (f, "P", FALSE);
  set_routing (f, "Q", TRUE);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->admin);
  g_clear_object (&f->supervisor);
  g_clear_object (&f->operator);
  g_clear_object (&f->warehouse);
  g_assert_finalize_object (f->store);
  pd_test_data_dir_free (f->dir);
}

/* --- Helpers ---------------------------------------------------------------- */

static char *
create (Fixture    *f,
        const char *product,
        const char *qty)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdWorkOrder) wo = pd_work_order_new ();
  g_autofree char *warning = NULL;

  wo->product_sku = g_strdup (product);
  wo->qty = pd_test_qty (qty);
  wo->due = g_strdup ("2099-01-01T12:00:00Z");
  g_assert_true (pd_store_create_work_order (f->store, f->supervisor, wo, &warning, &error));
  g_assert_no_error (error);
  g_assert_null (warning);
  return g_steal_pointer (&wo->number);
}

/* Every row of the derived state and the number of events, as text. */
static char *
snapshot (PdStore *store)
{
  sqlite3 *db = pd_store_get_db (store);
  sqlite3_stmt *stmt = NULL;
  GString *s = g_string_new (NULL);
  const char *queries[] = {
    "SELECT number, status, ifnull (routing_version, '-'), ifnull (bom_version, '-'), "
    "ifnull (planned_start, '-'), ifnull (planned_end, '-'), qty, due, priority, updated_at "
    "FROM work_orders ORDER BY id",
    "SELECT work_order_id, seq, work_center_id, setup_us, run_us, overlap, status, "
    "ifnull (planned_start, '-'), ifnull (planned_end, '-'), locked, good, scrap "
    "FROM wo_operations ORDER BY work_order_id, seq",
    "SELECT count (*) FROM wo_events",
  };

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      g_assert_cmpint (sqlite3_prepare_v2 (db, queries[q], -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          for (int c = 0; c < sqlite3_column_count (stmt); c++)
            g_string_append_printf (s, "%s|", (const char *) sqlite3_column_text (stmt, c));
          g_string_append_c (s, '\n');
        }
      sqlite3_finalize (stmt);
    }
  return g_string_free (s, FALSE);
}

static void
ok (Fixture    *f,
    const char *number,
    PdWoAction  action,
    guint       seq)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (pd_store_work_order_action (f->store, f->supervisor, number, action, seq, &error));
  g_assert_no_error (error);
}

static PdWoStatus
wo_status (Fixture    *f,
           const char *number)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdWorkOrder) wo = pd_store_find_work_order (f->store, number, &error);

  g_assert_no_error (error);
  return wo->status;
}

static PdWoOpStatus
op_status (Fixture    *f,
           const char *number,
           guint       seq)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdWorkOrder) wo = pd_store_find_work_order (f->store, number, &error);
  PdWoOperation *op;

  g_assert_no_error (error);
  op = pd_work_order_get_operation (wo, seq);
  g_assert_nonnull (op);
  return op->status;
}

/* Brings a new order of P to STATE. */
static char *
reach_order_state (Fixture    *f,
                   PdWoStatus  state)
{
  char *number = create (f, "P", "10");

  if (state == PD_WO_CANCELLED)
    {
      ok (f, number, PD_WO_ACTION_CANCEL, 0);
      return number;
    }
  if (state >= PD_WO_RELEASED)
    ok (f, number, PD_WO_ACTION_RELEASE, 0);
  if (state >= PD_WO_SCHEDULED)
    ok (f, number, PD_WO_ACTION_SCHEDULE, 0);
  if (state >= PD_WO_ISSUED)
    ok (f, number, PD_WO_ACTION_ISSUE, 0);
  if (state >= PD_WO_IN_PROGRESS)
    ok (f, number, PD_WO_ACTION_START, 10);
  if (state == PD_WO_PAUSED)
    ok (f, number, PD_WO_ACTION_PAUSE, 10);
  if (state >= PD_WO_COMPLETED)
    {
      ok (f, number, PD_WO_ACTION_COMPLETE, 10);
      ok (f, number, PD_WO_ACTION_START, 20);
      ok (f, number, PD_WO_ACTION_COMPLETE, 20);
    }
  if (state == PD_WO_CLOSED)
    ok (f, number, PD_WO_ACTION_CLOSE, 0);
  g_assert_cmpint (wo_status (f, number), ==, state);
  return number;
}

/* --- Every order state × every action ------------------------------------- */

#define NO ((gint) -1)

static const PdWoAction table_actions[] = {
  PD_WO_ACTION_RELEASE, PD_WO_ACTION_SCHEDULE, PD_WO_ACTION_ISSUE, PD_WO_ACTION_START,
  PD_WO_ACTION_PAUSE, PD_WO_ACTION_RESUME, PD_WO_ACTION_REPORT, PD_WO_ACTION_COMPLETE,
  PD_WO_ACTION_CLOSE, PD_WO_ACTION_CANCEL,
};

/* The order's status after each action of table_actions (on operation 10),
 * or NO when the action is refused. */
static const gint order_table[PD_WO_N_STATUSES][G_N_ELEMENTS (table_actions)] = {
  /*                 release          schedule         issue          start              pause          resume             report             complete           close          cancel */
  [PD_WO_DRAFT]       = { PD_WO_RELEASED, NO,              NO,            NO,                NO,            NO,                NO,                NO,                NO,            PD_WO_CANCELLED },
  [PD_WO_RELEASED]    = { NO,             PD_WO_SCHEDULED, NO,            NO,                NO,            NO,                NO,                NO,                NO,            PD_WO_CANCELLED },
  [PD_WO_SCHEDULED]   = { NO,             PD_WO_SCHEDULED, PD_WO_ISSUED,  NO,                NO,            NO,                NO,                NO,                NO,            PD_WO_CANCELLED },
  [PD_WO_ISSUED]      = { NO,             NO,              NO,            PD_WO_IN_PROGRESS, NO,            NO,                NO,                NO,                NO,            PD_WO_CANCELLED },
  [PD_WO_IN_PROGRESS] = { NO,             NO,              NO,            NO,                PD_WO_PAUSED,  NO,                PD_WO_IN_PROGRESS, PD_WO_IN_PROGRESS, NO,            NO },
  [PD_WO_PAUSED]      = { NO,             NO,              NO,            NO,                NO,            PD_WO_IN_PROGRESS, NO,                PD_WO_IN_PROGRESS, NO,            NO },
  [PD_WO_COMPLETED]   = { NO,             NO,              NO,            NO,                NO,            NO,                NO,                NO,                PD_WO_CLOSED,  NO },
  [PD_WO_CLOSED]      = { NO,             NO,              NO,            NO,                NO,            NO,                NO,                NO,                NO,            NO },
  [PD_WO_CANCELLED]   = { NO,             NO,              NO,            NO,                NO,            NO,                NO,                NO,                NO,            NO },
};

static void
test_order_state_machine (Fixture       *f,
                          gconstpointer  data)
{
  for (PdWoStatus state = 0; state < PD_WO_N_STATUSES; state++)
    for (guint a = 0; a < G_N_ELEMENTS (table_actions); a++)
      {
        g_autoptr(GError) error = NULL;
        g_autofree char *number = reach_order_state (f, state);
        g_autofree char *before = snapshot (f->store);
        g_autofree char *after = NULL;
        gint expected = order_table[state][a];
        gboolean result;

        g_test_message ("%s × %s", pd_wo_status_to_string (state), pd_wo_action_to_string (table_actions[a]));
        result = pd_store_work_order_action (f->store, f->supervisor, number, table_actions[a], 10, &error);
        after = snapshot (f->store);
        if (expected == NO)
          {
            g_assert_false (result);
            g_assert_nonnull (error);
            g_assert_true (error->domain == PD_ERROR);
            /* The reason names the order, or, before release, the missing operation. */
            g_assert_nonnull (strstr (error->message, number));
            /* Draft and cancelled orders (here) have no operations yet. */
            if (state != PD_WO_DRAFT && state != PD_WO_CANCELLED)
              g_assert_cmpint (error->code, ==, PD_ERROR_INVALID);
            else
              g_assert_true (error->code == PD_ERROR_INVALID || error->code == PD_ERROR_NOT_FOUND);
            g_assert_cmpstr (before, ==, after);
          }
        else
          {
            g_assert_no_error (error);
            g_assert_true (result);
            g_assert_cmpstr (pd_wo_status_to_string (wo_status (f, number)), ==,
                             pd_wo_status_to_string (expected));
            g_assert_cmpstr (before, !=, after);
          }
      }
}

/* --- Every operation state × every operation action ------------------------ */

static const PdWoAction op_actions[] = {
  PD_WO_ACTION_START, PD_WO_ACTION_PAUSE, PD_WO_ACTION_RESUME, PD_WO_ACTION_REPORT, PD_WO_ACTION_COMPLETE,
};

static const gint op_table[PD_WO_OP_N_STATUSES][G_N_ELEMENTS (op_actions)] = {
  /*                     start              pause            resume             report             complete */
  [PD_WO_OP_PENDING] = { NO,                NO,              NO,                NO,                NO },
  [PD_WO_OP_READY]   = { PD_WO_OP_RUNNING,  NO,              NO,                NO,                NO },
  [PD_WO_OP_RUNNING] = { NO,                PD_WO_OP_PAUSED, NO,                PD_WO_OP_RUNNING,  PD_WO_OP_DONE },
  [PD_WO_OP_PAUSED]  = { NO,                NO,              PD_WO_OP_RUNNING,  NO,                PD_WO_OP_DONE },
  [PD_WO_OP_DONE]    = { NO,                NO,              NO,                NO,                NO },
};

/* An issued order of P with its operation (returned) in STATE. */
static guint
reach_op_state (Fixture      *f,
                PdWoOpStatus  state,
                char        **number)
{
  *number = reach_order_state (f, PD_WO_ISSUED);
  if (state == PD_WO_OP_PENDING)
    return 20;
  if (state >= PD_WO_OP_RUNNING)
    ok (f, *number, PD_WO_ACTION_START, 10);
  if (state == PD_WO_OP_PAUSED)
    ok (f, *number, PD_WO_ACTION_PAUSE, 10);
  if (state == PD_WO_OP_DONE)
    ok (f, *number, PD_WO_ACTION_COMPLETE, 10);
  g_assert_cmpint (op_status (f, *number, 10), ==, state);
  return 10;
}

static void
test_operation_state_machine (Fixture       *f,
                              gconstpointer  data)
{
  for (PdWoOpStatus state = 0; state < PD_WO_OP_N_STATUSES; state++)
    for (guint a = 0; a < G_N_ELEMENTS (op_actions); a++)
      {
        g_autoptr(GError) error = NULL;
        g_autofree char *number = NULL;
        guint seq = reach_op_state (f, state, &number);
        g_autofree char *before = snapshot (f->store);
        g_autofree char *after = NULL;
        gint expected = op_table[state][a];
        gboolean result;

        g_test_message ("op %s × %s", pd_wo_op_status_to_string (state), pd_wo_action_to_string (op_actions[a]));
        g_assert_cmpint (op_status (f, number, seq), ==, state);
        result = pd_store_work_order_action (f->store, f->operator, number, op_actions[a], seq, &error);
        after = snapshot (f->store);
        if (expected == NO)
          {
            g_autofree char *seq_text = g_strdup_printf ("Operation %u of work order %s", seq, number);

            g_assert_false (result);
            g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
            g_assert_nonnull (strstr (error->message, seq_text) != NULL ? seq_text : strstr (error->message, number));
            g_assert_nonnull (strstr (error->message, pd_wo_op_status_get_label (state)));
            g_assert_cmpstr (before, ==, after);
          }
        else
          {
            g_assert_no_error (error);
            g_assert_true (result);
            g_assert_cmpint (op_status (f, number, seq), ==, expected);
          }
      }
}

/* --- Creating ---------------------------------------------------------------- */

static void
test_create (Fixture       *f,
             gconstpointer  data)
{
  struct { const char *product, *qty, *due; guint priority; gint code; const char *needle; } bad[] = {
    { "NOPE", "5", "2099-01-01T00:00:00Z", 3, PD_ERROR_NOT_FOUND, "NOPE" },
    { "P", "0", "2099-01-01T00:00:00Z", 3, PD_ERROR_INVALID, "Quantity 0" },
    { "P", "-2", "2099-01-01T00:00:00Z", 3, PD_ERROR_INVALID, "Quantity -2" },
    { "P", "5", "2099-01-01T00:00:00Z", 0, PD_ERROR_INVALID, "Priority 0" },
    { "P", "5", "2099-01-01T00:00:00Z", 6, PD_ERROR_INVALID, "Priority 6" },
    { "P", "5", "next tuesday", 3, PD_ERROR_INVALID, "next tuesday" },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(PdWorkOrder) wo = pd_work_order_new ();
  g_autoptr(PdWorkOrder) read = NULL;
  g_autofree char *warning = NULL;
  g_autofree char *second = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(PdWorkOrder) b = pd_work_order_new ();
      g_autoptr(GError) e = NULL;

      b->product_sku = g_strdup (bad[i].product);
      b->qty = pd_test_qty (bad[i].qty);
      b->due = g_strdup (bad[i].due);
      b->priority = bad[i].priority;
      g_assert_false (pd_store_create_work_order (f->store, f->supervisor, b, NULL, &e));
      g_assert_error (e, PD_ERROR, bad[i].code);
      g_assert_nonnull (strstr (e->message, bad[i].needle));
    }
  g_assert_cmpint (pd_test_count_rows (f->store, "work_orders"), ==, 0);
  g_assert_cmpint (pd_test_count_rows (f->store, "wo_events"), ==, 0);

  /* A past due date is accepted with a warning; the default priority is 3. */
  wo->product_sku = g_strdup ("p");
  wo->qty = pd_test_qty ("2.5");
  wo->due = g_strdup ("2020-03-01T08:00:00+02:00");
  wo->ref = g_strdup ("SO-77");
  g_assert_true (pd_store_create_work_order (f->store, f->supervisor, wo, &warning, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (wo->number, ==, "WO-000001");
  g_assert_cmpstr (wo->due, ==, "2020-03-01T06:00:00.000Z");
  g_assert_nonnull (warning);
  g_assert_nonnull (strstr (warning, "past"));
  read = pd_store_find_work_order (f->store, "wo-000001", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (read->product_sku, ==, "P");
  g_assert_cmpuint (read->priority, ==, 3);
  g_assert_cmpstr (read->ref, ==, "SO-77");
  pd_test_assert_qty (read->qty, "2.5");
  g_assert_cmpint (read->status, ==, PD_WO_DRAFT);
  g_assert_cmpuint (read->ops->len, ==, 0);

  second = create (f, "P", "1");
  g_assert_cmpstr (second, ==, "WO-000002");

  /* Only planners create. */
  g_clear_pointer (&wo->number, g_free);
  g_assert_false (pd_store_create_work_order (f->store, f->operator, wo, NULL, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_PERMISSION_DENIED);
  g_assert_cmpint (pd_test_count_rows (f->store, "work_orders"), ==, 2);
}

/* --- Release: routing copied and versions frozen ---------------------------- */

/* WC1 takes material from A-01, where QTY of SKU is received, and WC2
 * puts goods into B-01 (test-wo-material tests what moves). */
static void
give_material (Fixture    *f,
               const char *sku,
               const char *qty)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdWorkCenter) wc1 = pd_store_find_work_center (f->store, "WC1", &error);
  g_autoptr(PdWorkCenter) wc2 = pd_store_find_work_center (f->store, "WC2", &error);
  g_autoptr(PdItem) item = pd_store_find_item (f->store, sku, &error);
  PdTestLocations loc;

  g_assert_no_error (error);
  pd_test_add_warehouses (f->store, f->admin, NULL, &loc);
  g_free (wc1->from_location);
  wc1->from_location = g_strdup ("A-01");
  g_assert_true (pd_store_update_work_center (f->store, f->supervisor, wc1, &error));
  g_free (wc2->to_location);
  wc2->to_location = g_strdup ("B-01");
  g_assert_true (pd_store_update_work_center (f->store, f->supervisor, wc2, &error));
  g_assert_no_error (error);
  pd_test_post_move (f->store, f->admin, item->id, NULL, 0, loc.a01, pd_test_qty (qty), PD_MOVE_RECEIPT);
}

static void
test_release (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *noroute = create (f, "NOROUTE", "1");
  g_autofree char *number = create (f, "P", "4");
  g_autoptr(PdBom) bom = pd_bom_new ();
  g_autoptr(PdWorkOrder) wo = NULL;
  PdWoOperation *op;

  g_assert_false (pd_store_release_work_order (f->store, f->supervisor, noroute, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "no routing"));
  g_assert_nonnull (strstr (error->message, noroute));
  g_clear_error (&error);
  g_assert_cmpint (wo_status (f, noroute), ==, PD_WO_DRAFT);

  bom->product_sku = g_strdup ("P");
  g_ptr_array_add (bom->lines, pd_bom_line_new ("STEEL", PD_QTY_ONE, 0, TRUE));
  g_assert_true (pd_store_set_bom (f->store, f->supervisor, bom, &error));
  g_assert_no_error (error);
  set_routing (f, "P", TRUE);     /* version 2 */
  give_material (f, "STEEL", "4");  /* a BOM needs locations and stock to release */

  g_assert_false (pd_store_release_work_order (f->store, f->operator, number, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);

  g_assert_true (pd_store_release_work_order (f->store, f->supervisor, number, &error));
  g_assert_no_error (error);
  set_routing (f, "P", FALSE);    /* version 3 changes nothing released */

  wo = pd_store_find_work_order (f->store, number, &error);
  g_assert_no_error (error);
  g_assert_cmpint (wo->status, ==, PD_WO_RELEASED);
  g_assert_cmpuint (wo->routing_version, ==, 2);
  g_assert_cmpuint (wo->bom_version, ==, 1);
  g_assert_cmpuint (wo->ops->len, ==, 2);
  op = g_ptr_array_index (wo->ops, 0);
  g_assert_cmpuint (op->seq, ==, 10);
  g_assert_cmpstr (op->work_center_code, ==, "WC1");
  g_assert_cmpint (op->setup_us, ==, 600 * G_USEC_PER_SEC);
  g_assert_cmpint (op->run_us, ==, 30 * G_USEC_PER_SEC);
  g_assert_true (op->overlap);
  g_assert_cmpint (op->status, ==, PD_WO_OP_PENDING);
}

/* --- Scheduling -------------------------------------------------------------- */

static void
test_schedule (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *number = reach_order_state (f, PD_WO_RELEASED);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(PdWorkOrder) wo = NULL;
  const PdWoOpPlan plans[] = {
    { 10, "2030-05-04T06:00:00Z", "2030-05-04T08:00:00Z", FALSE },
    { 20, "2030-05-04T08:00:00Z", "2030-05-04T11:30:00Z", TRUE },
  };
  const PdWoOpPlan backwards[] = { { 20, "2030-05-04T08:00:00Z", "2030-05-04T07:00:00Z", FALSE } };
  const PdWoOpPlan missing[] = { { 30, "2030-05-04T08:00:00Z", "2030-05-04T09:00:00Z", FALSE } };

  before = snapshot (f->store);
  g_assert_false (pd_store_schedule_work_order (f->store, f->supervisor, number, backwards, 1, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (pd_store_schedule_work_order (f->store, f->supervisor, number, missing, 1, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_NOT_FOUND);
  g_clear_error (&error);
  after = snapshot (f->store);
  g_assert_cmpstr (before, ==, after);

  g_assert_true (pd_store_schedule_work_order (f->store, f->supervisor, number, plans, 2, &error));
  g_assert_no_error (error);
  wo = pd_store_find_work_order (f->store, number, &error);
  g_assert_cmpint (wo->status, ==, PD_WO_SCHEDULED);
  g_assert_cmpstr (wo->planned_start, ==, "2030-05-04T06:00:00.000Z");
  g_assert_cmpstr (wo->planned_end, ==, "2030-05-04T11:30:00.000Z");
  g_assert_true (((PdWoOperation *) g_ptr_array_index (wo->ops, 1))->locked);
}

/* A planned move to another work center: only to one of the same kind. */
static void
test_schedule_move (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdRouting) routing = pd_routing_new ();
  g_autoptr(PdWorkOrder) wo = NULL;
  g_autofree char *number = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  const struct { const char *code, *kind; } centers[] = {
    { "PRESS-A", "press" }, { "PRESS-B", "Press" }, { "MILL-K", "mill" },
  };
  const PdWoOpPlan other_kind[] = { { 10, "2030-05-06T06:00:00Z", "2030-05-06T07:00:00Z", FALSE, "MILL-K" } };
  const PdWoOpPlan no_kind[] = { { 20, "2030-05-06T07:00:00Z", "2030-05-06T08:00:00Z", FALSE, "PRESS-B" } };
  const PdWoOpPlan unknown[] = { { 10, "2030-05-06T06:00:00Z", "2030-05-06T07:00:00Z", FALSE, "NOPE" } };
  const PdWoOpPlan moved[] = {
    { 10, "2030-05-06T06:00:00Z", "2030-05-06T07:00:00Z", FALSE, "PRESS-B" },
    { 20, "2030-05-06T07:00:00Z", "2030-05-06T08:00:00Z", FALSE, "WC1" },
  };
  const PdWoOperation *op;

  for (guint i = 0; i < G_N_ELEMENTS (centers); i++)
    {
      g_autoptr(PdWorkCenter) wc = pd_work_center_new ();

      wc->code = g_strdup (centers[i].code);
      wc->name = g_strdup (centers[i].code);
      wc->kind = g_strdup (centers[i].kind);
      g_assert_true (pd_store_add_work_center (f->store, f->supervisor, wc, &error));
      g_assert_no_error (error);
    }
  routing->product_sku = g_strdup ("STEEL");
  g_ptr_array_add (routing->ops, pd_routing_op_new (10, "PRESS-A", 0, 10 * G_USEC_PER_SEC));
  g_ptr_array_add (routing->ops, pd_routing_op_new (20, "WC1", 0, 10 * G_USEC_PER_SEC));
  g_assert_true (pd_store_set_routing (f->store, f->supervisor, routing, &error));
  g_assert_no_error (error);

  number = create (f, "STEEL", "10");
  ok (f, number, PD_WO_ACTION_RELEASE, 0);

  /* Another kind, an operation of no kind, an unknown work center: refused,
   * nothing changes. */
  before = snapshot (f->store);
  g_assert_false (pd_store_schedule_work_order (f->store, f->supervisor, number, other_kind, 1, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "MILL-K"));
  g_clear_error (&error);
  g_assert_false (pd_store_schedule_work_order (f->store, f->supervisor, number, no_kind, 1, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (pd_store_schedule_work_order (f->store, f->supervisor, number, unknown, 1, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_NOT_FOUND);
  g_clear_error (&error);
  after = snapshot (f->store);
  g_assert_cmpstr (before, ==, after);

  /* The same kind (regardless of case), and an operation staying where it is. */
  g_assert_true (pd_store_schedule_work_order (f->store, f->supervisor, number, moved, 2, &error));
  g_assert_no_error (error);
  wo = pd_store_find_work_order (f->store, number, &error);
  g_assert_no_error (error);
  g_assert_cmpint (wo->status, ==, PD_WO_SCHEDULED);
  op = pd_work_order_get_operation (wo, 10);
  g_assert_cmpstr (op->work_center_code, ==, "PRESS-B");
  op = pd_work_order_get_operation (wo, 20);
  g_assert_cmpstr (op->work_center_code, ==, "WC1");

  /* The routing itself is unchanged. */
  g_clear_pointer (&routing, pd_routing_free);
  g_assert_true (pd_store_get_routing (f->store, wo->product_id, 0, &routing, &error));
  g_assert_cmpstr (((PdRoutingOp *) g_ptr_array_index (routing->ops, 0))->work_center_code, ==, "PRESS-A");
}

/* --- Precedence and overlap ------------------------------------------------ */

static void
test_precedence (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *number = reach_order_state (f, PD_WO_ISSUED);

  g_assert_cmpint (op_status (f, number, 10), ==, PD_WO_OP_READY);
  g_assert_cmpint (op_status (f, number, 20), ==, PD_WO_OP_PENDING);
  ok (f, number, PD_WO_ACTION_START, 10);
  g_assert_true (pd_store_report_operation (f->store, f->operator, number, 10, pd_test_qty ("3"), 0, 0, NULL, &error));
  g_assert_no_error (error);
  /* No overlap: good parts of 10 do not make 20 ready. */
  g_assert_false (pd_store_start_operation (f->store, f->operator, number, 20, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "operation 10 before it"));
  g_clear_error (&error);
  ok (f, number, PD_WO_ACTION_COMPLETE, 10);
  g_assert_cmpint (op_status (f, number, 20), ==, PD_WO_OP_READY);
  g_assert_true (pd_store_start_operation (f->store, f->operator, number, 20, &error));
  g_assert_no_error (error);
  g_assert_true (pd_store_complete_operation (f->store, f->operator, number, 20, &error));
  g_assert_cmpint (wo_status (f, number), ==, PD_WO_COMPLETED);
  /* Operators do not close. */
  g_assert_false (pd_store_close_work_order (f->store, f->operator, number, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  g_assert_true (pd_store_close_work_order (f->store, f->supervisor, number, &error));
  g_assert_cmpint (wo_status (f, number), ==, PD_WO_CLOSED);
}

static void
test_overlap (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *number = create (f, "Q", "10");

  ok (f, number, PD_WO_ACTION_RELEASE, 0);
  ok (f, number, PD_WO_ACTION_SCHEDULE, 0);
  ok (f, number, PD_WO_ACTION_ISSUE, 0);
  ok (f, number, PD_WO_ACTION_START, 10);
  g_assert_cmpint (op_status (f, number, 20), ==, PD_WO_OP_PENDING);
  /* Scrap alone passes nothing on. */
  g_assert_true (pd_store_report_operation (f->store, f->operator, number, 10, 0, pd_test_qty ("1"),
                                            PD_SCRAP_SETUP, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (op_status (f, number, 20), ==, PD_WO_OP_PENDING);
  g_assert_true (pd_store_report_operation (f->store, f->operator, number, 10, pd_test_qty ("2"), 0, 0,
                                            "machine", &error));
  g_assert_no_error (error);
  g_assert_cmpint (op_status (f, number, 20), ==, PD_WO_OP_READY);
  g_assert_true (pd_store_start_operation (f->store, f->operator, number, 20, &error));
  g_assert_no_error (error);
  g_assert_cmpint (op_status (f, number, 10), ==, PD_WO_OP_RUNNING);
  g_assert_cmpint (wo_status (f, number), ==, PD_WO_IN_PROGRESS);
  /* 20 works only the 2 good parts 10 has passed on, even for a supervisor. */
  g_assert_true (pd_store_report_operation (f->store, f->operator, number, 20, pd_test_qty ("1.5"), 0, 0, NULL, &error));
  g_assert_no_error (error);
  {
    g_autofree char *before = snapshot (f->store);
    g_autofree char *after = NULL;

    g_assert_false (pd_store_report_operation (f->store, f->supervisor, number, 20, 0, pd_test_qty ("0.75"),
                                               PD_SCRAP_OTHER, NULL, &error));
    g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "operation 10 before it"));
    g_clear_error (&error);
    after = snapshot (f->store);
    g_assert_cmpstr (before, ==, after);
  }
  g_assert_true (pd_store_report_operation (f->store, f->operator, number, 20, 0, pd_test_qty ("0.5"),
                                            PD_SCRAP_OTHER, NULL, &error));
  g_assert_no_error (error);
  /* Completing 20 first does not complete the order while 10 runs. */
  ok (f, number, PD_WO_ACTION_COMPLETE, 20);
  g_assert_cmpint (wo_status (f, number), ==, PD_WO_IN_PROGRESS);
  ok (f, number, PD_WO_ACTION_COMPLETE, 10);
  g_assert_cmpint (wo_status (f, number), ==, PD_WO_COMPLETED);
}

/* --- Reports and tolerance by role ------------------------------------------ */

static void
test_reports (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *number = reach_order_state (f, PD_WO_IN_PROGRESS);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(PdWorkOrder) wo = NULL;
  g_autoptr(GPtrArray) events = NULL;
  PdWoEvent *last;

  before = snapshot (f->store);
  g_assert_false (pd_store_report_operation (f->store, f->operator, number, 10, 0, 0, 0, NULL, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (pd_store_report_operation (f->store, f->operator, number, 10, -PD_QTY_ONE, 0, 0, NULL, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (pd_store_report_operation (f->store, f->operator, number, 10, PD_QTY_ONE, 0, 0, "guess", &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "guess"));
  g_clear_error (&error);
  /* The warehouse role executes nothing. */
  g_assert_false (pd_store_report_operation (f->store, f->warehouse, number, 10, PD_QTY_ONE, 0, 0, NULL, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  after = snapshot (f->store);
  g_assert_cmpstr (before, ==, after);

  /* 10 good ordered: after 8 good and 2 scrap, 2 good are still to make
   * (scrap does not count towards the order); 2.5 more are refused. */
  g_assert_true (pd_store_report_operation (f->store, f->operator, number, 10, pd_test_qty ("8"), pd_test_qty ("2"),
                                            PD_SCRAP_DIMENSION, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&before, g_free);
  before = snapshot (f->store);
  g_assert_false (pd_store_report_operation (f->store, f->operator, number, 10, pd_test_qty ("2.5"), 0, 0, NULL, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_PERMISSION_DENIED);
  g_assert_nonnull (strstr (error->message, "the 2 still to make"));
  g_assert_nonnull (strstr (error->message, number));
  g_clear_error (&error);
  g_clear_pointer (&after, g_free);
  after = snapshot (f->store);
  g_assert_cmpstr (before, ==, after);
  /* More scrap is no more good parts: it is reported. */
  g_assert_true (pd_store_report_operation (f->store, f->operator, number, 10, 0, pd_test_qty ("1"),
                                            PD_SCRAP_SURFACE, NULL, &error));
  g_assert_no_error (error);

  /* A supervisor may report beyond. */
  g_assert_true (pd_store_report_operation (f->store, f->supervisor, number, 10, pd_test_qty ("2.5"), 0, 0, NULL, &error));
  g_assert_no_error (error);
  wo = pd_store_find_work_order (f->store, number, &error);
  pd_test_assert_qty (((PdWoOperation *) g_ptr_array_index (wo->ops, 0))->good, "10.5");
  pd_test_assert_qty (((PdWoOperation *) g_ptr_array_index (wo->ops, 0))->scrap, "3");

  events = pd_store_list_work_order_events (f->store, number, &error);
  g_assert_no_error (error);
  last = g_ptr_array_index (events, events->len - 1);
  g_assert_cmpint (last->kind, ==, PD_WO_ACTION_REPORT);
  g_assert_cmpstr (last->user, ==, "supervisor");
  g_assert_cmpstr (last->source, ==, "manual");
  last = g_ptr_array_index (events, events->len - 3);
  g_assert_cmpstr (last->reason, ==, "dimension");
  g_assert_cmpstr (last->user, ==, "operator");
}

static void
test_pause_reason (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *number = reach_order_state (f, PD_WO_IN_PROGRESS);
  g_autoptr(GPtrArray) events = NULL;
  PdWoEvent *last;

  g_assert_true (pd_store_pause_operation (f->store, f->operator, number, 10, PD_PAUSE_BREAKDOWN, &error));
  g_assert_no_error (error);
  g_assert_cmpint (wo_status (f, number), ==, PD_WO_PAUSED);
  events = pd_store_list_work_order_events (f->store, number, &error);
  last = g_ptr_array_index (events, events->len - 1);
  g_assert_cmpint (last->kind, ==, PD_WO_ACTION_PAUSE);
  g_assert_cmpstr (last->reason, ==, "breakdown");
  g_assert_cmpuint (last->seq, ==, 10);

  /* Cancelling once work started is refused with the reason. */
  g_assert_false (pd_store_cancel_work_order (f->store, f->supervisor, number, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "started"));
}

/* --- Rebuild and append-only ------------------------------------------------ */

static void
test_rebuild (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *live = NULL;
  g_autofree char *rebuilt = NULL;
  const PdWoOpPlan plans[] = { { 20, "2030-05-04T08:00:00Z", "2030-05-04T11:30:00Z", TRUE } };
  char *numbers[PD_WO_N_STATUSES];
  g_autofree char *q = create (f, "Q", "5");

  for (PdWoStatus s = 0; s < PD_WO_N_STATUSES; s++)
    numbers[s] = reach_order_state (f, s);
  ok (f, q, PD_WO_ACTION_RELEASE, 0);
  g_assert_true (pd_store_schedule_work_order (f->store, f->supervisor, q, plans, 1, &error));
  ok (f, q, PD_WO_ACTION_ISSUE, 0);
  ok (f, q, PD_WO_ACTION_START, 10);
  g_assert_true (pd_store_report_operation (f->store, f->operator, q, 10, pd_test_qty ("1.25"), pd_test_qty ("0.5"),
                                            PD_SCRAP_MATERIAL, NULL, &error));
  g_assert_no_error (error);
  ok (f, q, PD_WO_ACTION_START, 20);
  g_assert_true (pd_store_pause_operation (f->store, f->operator, q, 20, PD_PAUSE_MATERIAL, &error));

  live = snapshot (f->store);
  g_assert_true (pd_store_rebuild_work_orders (f->store, &error));
  g_assert_no_error (error);
  rebuilt = snapshot (f->store);
  g_assert_cmpstr (live, ==, rebuilt);
  g_assert_cmpint (pd_test_count_rows (f->store, "wo_operations"), ==, 2 * (PD_WO_N_STATUSES - 2) + 2);

  for (PdWoStatus s = 0; s < PD_WO_N_STATUSES; s++)
    g_free (numbers[s]);
}

static void
test_append_only (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *number = reach_order_state (f, PD_WO_ISSUED);
  sqlite3 *db = pd_store_get_db (f->store);
  char *msg = NULL;
  gint64 n = pd_test_count_rows (f->store, "wo_events");

  g_assert_cmpint (n, ==, 4);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE wo_events SET kind = 'close'", NULL, NULL, &msg), !=, SQLITE_OK);
  g_assert_nonnull (strstr (msg, "append-only"));
  sqlite3_free (msg);
  msg = NULL;
  g_assert_cmpint (sqlite3_exec (db, "DELETE FROM wo_events", NULL, NULL, &msg), !=, SQLITE_OK);
  g_assert_nonnull (strstr (msg, "append-only"));
  sqlite3_free (msg);
  g_assert_cmpint (pd_test_count_rows (f->store, "wo_events"), ==, n);
  /* Each event went out with an audit record and an outbox entry. */
  g_assert_cmpint (pd_test_query_int (f->store, "SELECT count (*) FROM audit_log WHERE action LIKE 'wo.%'"), ==, n);
  g_assert_cmpint (pd_test_query_int (f->store, "SELECT count (*) FROM outbox WHERE entity = 'work_order'"), ==, n);
}

int
main (int   argc,
      char *argv[])
{
  int rc;

  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/work-orders/create", test_create);
  ADD ("/work-orders/release", test_release);
  ADD ("/work-orders/schedule", test_schedule);
  ADD ("/work-orders/schedule-move", test_schedule_move);
  ADD ("/work-orders/order-state-machine", test_order_state_machine);
  ADD ("/work-orders/operation-state-machine", test_operation_state_machine);
  ADD ("/work-orders/precedence", test_precedence);
  ADD ("/work-orders/overlap", test_overlap);
  ADD ("/work-orders/reports", test_reports);
  ADD ("/work-orders/pause-reason", test_pause_reason);
  ADD ("/work-orders/rebuild", test_rebuild);
  ADD ("/work-orders/append-only", test_append_only);

  rc = g_test_run ();
  pd_test_populated_template_free ();
  return rc;
}
