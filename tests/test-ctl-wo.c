/* test-ctl-wo.c — plantdesk-ctl wo: creating work orders, moving them and
 * their operations through their states, list and show, exit codes
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-ctl-wo"

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "pd-ctl-test-utils.h"
#include "pd-test-utils.h"

#define AS(user) PD_CTL_TEST_AS (user)
#define AS_ADMIN AS ("admin")
#define AS_SUPERVISOR AS ("supervisor")
#define AS_OPERATOR AS ("operator")

#define CTL(f, env, ...) pd_ctl_test_run ((f)->dir, (env), (const char * const []) { __VA_ARGS__, NULL })

typedef PdCtlFixture Fixture;

#define RUN_OK(f, env, ...) G_STMT_START { \
    g_autoptr(PdCtlRun) run_ = CTL (f, env, __VA_ARGS__); \
    pd_ctl_test_assert_ok (run_); \
  } G_STMT_END

static JsonNode *
ctl_json (Fixture            *f,
          const char * const *args)
{
  return pd_ctl_test_run_json (f->dir, AS_SUPERVISOR, args);
}

#define CTL_JSON(f, ...) ctl_json ((f), (const char * const []) { __VA_ARGS__, NULL })

/* Item P with a routing: 10 on MILL, 20 on ASSY. */
static void
add_master_data (Fixture *f)
{
  RUN_OK (f, AS_ADMIN, "item", "add", "P", "--name", "Product P", "--unit", "pcs");
  RUN_OK (f, AS_ADMIN, "item", "add", "BARE", "--name", "No routing", "--unit", "pcs");
  RUN_OK (f, AS_SUPERVISOR, "workcenter", "add", "MILL", "--name", "Mill", "--shift", "mon-fri:06:00-14:00");
  RUN_OK (f, AS_SUPERVISOR, "workcenter", "add", "ASSY", "--name", "Assembly", "--shift", "mon-fri:06:00-14:00");
  RUN_OK (f, AS_SUPERVISOR, "routing", "set", "P", "--op", "10:MILL:5:30", "--op", "20:ASSY:0:45");
}

static void
assert_failed_naming (PdCtlRun   *run,
                      const char *needle)
{
  pd_ctl_test_assert_failed (run);
  pd_ctl_test_assert_contains (run->err, needle);
}

static char *
wo_status (Fixture    *f,
           const char *number)
{
  g_autoptr(JsonNode) node = CTL_JSON (f, "wo", "show", number);

  return g_strdup (json_object_get_string_member (json_node_get_object (node), "status"));
}

static void
assert_status (Fixture    *f,
               const char *number,
               const char *expected)
{
  g_autofree char *status = wo_status (f, number);

  g_assert_cmpstr (status, ==, expected);
}

static void
test_lifecycle (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(PdCtlRun) create = NULL;
  g_autoptr(PdCtlRun) past = NULL;
  g_autoptr(PdCtlRun) list = NULL;
  g_autoptr(PdCtlRun) show = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *number = NULL;
  JsonObject *o;
  JsonArray *ops;

  add_master_data (f);
  create = CTL (f, AS_SUPERVISOR, "wo", "create", "P", "12", "--due", "2099-06-01T12:00:00Z",
                "--priority", "2", "--ref", "SO-1");
  pd_ctl_test_assert_ok (create);
  number = g_strstrip (g_strdup (create->out));
  g_assert_cmpstr (number, ==, "WO-000001");
  g_assert_cmpstr (create->err, ==, "");

  /* A past due date: created, with a warning. */
  past = CTL (f, AS_SUPERVISOR, "wo", "create", "P", "1", "--due", "2001-01-01T00:00:00Z");
  pd_ctl_test_assert_status (past, 0);
  pd_ctl_test_assert_contains (past->out, "WO-000002");
  pd_ctl_test_assert_contains (past->err, "past");

  RUN_OK (f, AS_SUPERVISOR, "wo", "release", number);
  assert_status (f, number, "released");
  {
    /* Scheduling comes from the scheduler: the core sets it; here issue is
     * refused until then. */
    g_autoptr(PdCtlRun) run = CTL (f, AS_SUPERVISOR, "wo", "issue", number);

    assert_failed_naming (run, number);
    pd_ctl_test_assert_contains (run->err, "not scheduled");
  }
  assert_status (f, number, "released");

  /* Cancel the second one, then it cannot be released. */
  RUN_OK (f, AS_SUPERVISOR, "wo", "cancel", "WO-000002");
  {
    g_autoptr(PdCtlRun) run = CTL (f, AS_SUPERVISOR, "wo", "release", "WO-000002");

    assert_failed_naming (run, "WO-000002");
  }

  list = CTL (f, AS_OPERATOR, "wo", "list");
  pd_ctl_test_assert_ok (list);
  pd_ctl_test_assert_contains (list->out, "WO-000001");
  pd_ctl_test_assert_contains (list->out, "WO-000002");

  node = CTL_JSON (f, "wo", "list");
  g_assert_true (JSON_NODE_HOLDS_ARRAY (node));
  g_assert_cmpuint (json_array_get_length (json_node_get_array (node)), ==, 2);
  /* Due order: the past one first. */
  o = json_array_get_object_element (json_node_get_array (node), 1);
  g_assert_cmpstr (json_object_get_string_member (o, "wo"), ==, number);
  g_assert_cmpstr (json_object_get_string_member (o, "product"), ==, "P");
  g_assert_cmpstr (json_object_get_string_member (o, "qty"), ==, "12");
  g_assert_cmpstr (json_object_get_string_member (o, "status"), ==, "released");
  g_assert_cmpstr (json_object_get_string_member (o, "due"), ==, "2099-06-01T12:00:00.000Z");
  g_assert_true (json_object_has_member (o, "planned_end"));
  g_assert_cmpstr (json_object_get_string_member (o, "good"), ==, "0");
  g_assert_cmpstr (json_object_get_string_member (o, "scrap"), ==, "0");
  g_assert_cmpint (json_object_get_int_member (o, "priority"), ==, 2);
  g_clear_pointer (&node, json_node_unref);

  node = CTL_JSON (f, "wo", "show", "wo-000001");
  ops = json_object_get_array_member (json_node_get_object (node), "operations");
  g_assert_cmpuint (json_array_get_length (ops), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (ops, 1), "work_center"), ==, "ASSY");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (ops, 0), "status"), ==, "pending");

  show = CTL (f, AS_OPERATOR, "wo", "show", number);
  pd_ctl_test_assert_ok (show);
  pd_ctl_test_assert_contains (show->out, "SO-1");
  pd_ctl_test_assert_contains (show->out, "MILL");
}

/* The shop-floor commands on an order issued through the core. */
static void
test_operations (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdStore) store = NULL;
  g_autoptr(PdUser) supervisor = NULL;
  g_autoptr(PdCtlRun) create = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *number = NULL;
  JsonArray *ops;

  add_master_data (f);
  create = CTL (f, AS_SUPERVISOR, "wo", "create", "P", "5", "--due", "2099-06-01T12:00:00Z");
  pd_ctl_test_assert_ok (create);
  number = g_strstrip (g_strdup (create->out));
  RUN_OK (f, AS_SUPERVISOR, "wo", "release", number);

  /* What the scheduler will do: plan through the core. */
  store = pd_store_open (f->dir, &error);
  g_assert_no_error (error);
  supervisor = pd_test_login (store, "supervisor");
  g_assert_true (pd_store_schedule_work_order (store, supervisor, number, NULL, 0, &error));
  g_assert_no_error (error);
  g_clear_object (&supervisor);
  g_clear_object (&store);

  {
    g_autoptr(PdCtlRun) run = CTL (f, AS_OPERATOR, "wo", "issue", number);

    assert_failed_naming (run, "operator");
  }
  RUN_OK (f, AS_SUPERVISOR, "wo", "issue", number);
  assert_status (f, number, "issued");

  {
    g_autoptr(PdCtlRun) run = CTL (f, AS_OPERATOR, "wo", "start", number, "20");

    assert_failed_naming (run, "operation 10 before it");
  }
  {
    g_autoptr(PdCtlRun) run = CTL (f, AS_OPERATOR, "wo", "start", number, "ten");

    assert_failed_naming (run, "ten");
  }
  RUN_OK (f, AS_OPERATOR, "wo", "start", number, "10");
  assert_status (f, number, "in-progress");
  {
    g_autoptr(PdCtlRun) run = CTL (f, AS_OPERATOR, "wo", "pause", number, "10", "--reason", "nap");

    assert_failed_naming (run, "nap");
  }
  RUN_OK (f, AS_OPERATOR, "wo", "pause", number, "10", "--reason", "breakdown");
  assert_status (f, number, "paused");
  {
    g_autoptr(PdCtlRun) run = CTL (f, AS_OPERATOR, "wo", "report", number, "10", "--good", "1");

    assert_failed_naming (run, "not running");
  }
  {
    g_autoptr(PdCtlRun) run = CTL (f, AS_SUPERVISOR, "wo", "cancel", number);

    assert_failed_naming (run, "started");
  }
  RUN_OK (f, AS_OPERATOR, "wo", "resume", number, "10");
  {
    g_autoptr(PdCtlRun) run = CTL (f, AS_OPERATOR, "wo", "report", number, "10", "--good", "1", "--scrap", "1");

    assert_failed_naming (run, "--scrap-reason");
  }
  RUN_OK (f, AS_OPERATOR, "wo", "report", number, "10", "--good", "4", "--scrap", "1", "--scrap-reason", "setup");
  {
    g_autoptr(PdCtlRun) run = CTL (f, AS_OPERATOR, "wo", "report", number, "10", "--good", "2");

    assert_failed_naming (run, "still to make");
  }
  RUN_OK (f, AS_SUPERVISOR, "wo", "report", number, "10", "--good", "1");
  RUN_OK (f, AS_OPERATOR, "wo", "complete", number, "10");
  RUN_OK (f, AS_OPERATOR, "wo", "start", number, "20");
  RUN_OK (f, AS_OPERATOR, "wo", "report", number, "20", "--good", "5");
  {
    g_autoptr(PdCtlRun) run = CTL (f, AS_OPERATOR, "wo", "close", number);

    assert_failed_naming (run, "operator");
  }
  {
    g_autoptr(PdCtlRun) run = CTL (f, AS_SUPERVISOR, "wo", "close", number);

    assert_failed_naming (run, "not completed");
  }
  RUN_OK (f, AS_OPERATOR, "wo", "complete", number, "20");
  assert_status (f, number, "completed");
  RUN_OK (f, AS_SUPERVISOR, "wo", "close", number);

  node = CTL_JSON (f, "wo", "show", number);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (node), "status"), ==, "closed");
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (node), "good"), ==, "5");
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (node), "scrap"), ==, "1");
  ops = json_object_get_array_member (json_node_get_object (node), "operations");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (ops, 0), "good"), ==, "5");
}

static void
test_refused (Fixture       *f,
              gconstpointer  data)
{
  struct { const char *args[10]; const char *needle; } cases[] = {
    { { "wo", "create", "NOPE", "1", "--due", "2099-01-01T00:00:00Z" }, "NOPE" },
    { { "wo", "create", "P", "0", "--due", "2099-01-01T00:00:00Z" }, "Quantity 0" },
    { { "wo", "create", "P", "abc", "--due", "2099-01-01T00:00:00Z" }, "abc" },
    { { "wo", "create", "P", "1", "--due", "soon" }, "soon" },
    { { "wo", "create", "P", "1", "--due", "2099-01-01T00:00:00Z", "--priority", "9" }, "--priority" },
    { { "wo", "release", "BARE-ORDER" }, "BARE-ORDER" },
    { { "wo", "show", "WO-999999" }, "WO-999999" },
  };

  add_master_data (f);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(PdCtlRun) run = pd_ctl_test_run (f->dir, AS_SUPERVISOR, cases[i].args);

      assert_failed_naming (run, cases[i].needle);
    }
  g_assert_cmpint (pd_ctl_test_count_rows (f->dir, "work_orders"), ==, 0);

  {
    g_autoptr(PdCtlRun) create = CTL (f, AS_SUPERVISOR, "wo", "create", "BARE", "1", "--due", "2099-01-01T00:00:00Z");
    g_autoptr(PdCtlRun) release = NULL;

    pd_ctl_test_assert_ok (create);
    release = CTL (f, AS_SUPERVISOR, "wo", "release", "WO-000001");
    assert_failed_naming (release, "no routing");
  }
  {
    g_autoptr(PdCtlRun) run = CTL (f, AS_OPERATOR, "wo", "create", "P", "1", "--due", "2099-01-01T00:00:00Z");

    assert_failed_naming (run, "operator");
  }
  {
    g_autoptr(PdCtlRun) run = CTL (f, AS_SUPERVISOR, "wo", "create", "P", "1");

    pd_ctl_test_assert_usage_error (run);
  }
  g_assert_cmpint (pd_ctl_test_count_rows (f->dir, "work_orders"), ==, 1);
  g_assert_cmpint (pd_ctl_test_count_rows (f->dir, "wo_events"), ==, 1);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  pd_core_init ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, pd_ctl_test_fixture_set_up_populated, func, pd_ctl_test_fixture_tear_down)

  ADD ("/ctl/wo/lifecycle", test_lifecycle);
  ADD ("/ctl/wo/operations", test_operations);
  ADD ("/ctl/wo/refused", test_refused);

  status = g_test_run ();
  pd_ctl_test_clear_template ();
  return status;
}
