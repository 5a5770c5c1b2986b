/* test-ctl-schedule.c — plantdesk-ctl schedule: planning the released
 * orders, the JSON form, late orders and their bottleneck, moves refused
 * and accepted, a lock kept by the next scheduling, unlock
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-ctl-schedule"

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

/* The operation SEQ of NUMBER in the output of schedule --json. */
static JsonObject *
find_op (JsonNode   *node,
         const char *number,
         gint64      seq)
{
  JsonArray *array = json_node_get_array (node);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *o = json_array_get_object_element (array, i);

      if (g_strcmp0 (json_object_get_string_member (o, "wo"), number) == 0
          && json_object_get_int_member (o, "op") == seq)
        return o;
    }
  g_assert_not_reached ();
}

static JsonNode *
schedule_json (Fixture *f)
{
  return pd_ctl_test_run_json (f->dir, AS_SUPERVISOR, (const char * const []) { "schedule", NULL });
}

static gint64
parse_iso (const char *text)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_iso8601 (text, NULL);

  g_assert_nonnull (dt);
  return g_date_time_to_unix (dt);
}

static void
assert_refused (PdCtlRun   *run,
                const char *needle)
{
  pd_ctl_test_assert_failed (run);
  pd_ctl_test_assert_contains (run->err, needle);
}

static void
test_schedule (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(PdCtlRun) table = NULL;
  g_autoptr(JsonNode) plan = NULL;
  g_autoptr(JsonNode) again = NULL;
  g_autoptr(JsonNode) after_unlock = NULL;
  JsonObject *a10, *a20, *b10, *b20;
  g_autofree char *a10_start = NULL;
  g_autofree char *b10_start = NULL;
  g_autofree char *b20_start = NULL;

  RUN_OK (f, AS_ADMIN, "item", "add", "P", "--name", "Product P", "--unit", "pcs");
  RUN_OK (f, AS_SUPERVISOR, "workcenter", "add", "MILL", "--name", "Mill", "--kind", "mill",
          "--shift", "mon-sun:00:00-00:00");
  RUN_OK (f, AS_SUPERVISOR, "workcenter", "add", "MILL2", "--name", "Mill 2", "--kind", "mill",
          "--shift", "mon-sun:00:00-00:00");
  RUN_OK (f, AS_SUPERVISOR, "workcenter", "add", "ASSY", "--name", "Assembly", "--kind", "assembly",
          "--shift", "mon-fri:06:00-14:00");
  /* 60 s a unit on MILL, 1 s on ASSY. */
  RUN_OK (f, AS_SUPERVISOR, "routing", "set", "P", "--op", "10:MILL:0:60", "--op", "20:ASSY:0:1");
  RUN_OK (f, AS_SUPERVISOR, "wo", "create", "P", "600", "--due", "2099-06-01T12:00:00Z", "--priority", "1");
  {
    /* Due long ago: late whatever happens. */
    g_autoptr(PdCtlRun) run = CTL (f, AS_SUPERVISOR, "wo", "create", "P", "60", "--due", "2001-01-01T00:00:00Z",
                                   "--priority", "3");
    pd_ctl_test_assert_status (run, 0);
  }
  RUN_OK (f, AS_SUPERVISOR, "wo", "release", "WO-000001");
  RUN_OK (f, AS_SUPERVISOR, "wo", "release", "WO-000002");

  /* Operators do not plan. */
  {
    g_autoptr(PdCtlRun) run = CTL (f, AS_OPERATOR, "schedule");

    pd_ctl_test_assert_failed (run);
  }

  table = CTL (f, AS_SUPERVISOR, "schedule");
  pd_ctl_test_assert_ok (table);
  pd_ctl_test_assert_contains (table->out, "WO-000001");
  pd_ctl_test_assert_contains (table->out, "MILL");
  pd_ctl_test_assert_contains (table->out, "ASSY");
  /* The late order's line names its bottleneck: it waited ten hours for
   * MILL behind WO-000001. */
  pd_ctl_test_assert_contains (table->out, "WO-000002");
  {
    const char *line = strstr (table->out, "WO-000002 ");
    const char *late = NULL;

    for (const char *p = table->out; (p = strstr (p, "WO-000002")) != NULL; p++)
      if (strstr (p, "MILL") != NULL && strchr (p, '\n') != NULL && strstr (p, "MILL") < strchr (p, '\n')
          && strstr (p, ";") != NULL && strstr (p, ";") < strchr (p, '\n'))
        late = p;
    g_assert_nonnull (line);
    g_assert_nonnull (late);
  }
  {
    g_autoptr(JsonNode) node = pd_ctl_test_run_json (f->dir, AS_SUPERVISOR,
                                                     (const char * const []) { "wo", "show", "WO-000001", NULL });

    g_assert_cmpstr (json_object_get_string_member (json_node_get_object (node), "status"), ==, "scheduled");
  }

  plan = schedule_json (f);
  a10 = find_op (plan, "WO-000001", 10);
  a20 = find_op (plan, "WO-000001", 20);
  b10 = find_op (plan, "WO-000002", 10);
  b20 = find_op (plan, "WO-000002", 20);
  g_assert_cmpstr (json_object_get_string_member (a10, "workcenter"), ==, "MILL");
  g_assert_cmpstr (json_object_get_string_member (a20, "workcenter"), ==, "ASSY");
  g_assert_false (json_object_get_boolean_member (a10, "late"));
  g_assert_true (json_object_get_boolean_member (b10, "late"));
  g_assert_cmpstr (json_object_get_string_member (b10, "bottleneck"), ==, "MILL");
  /* Ten hours of MILL for WO-000001 first, then an hour for WO-000002. */
  g_assert_cmpint (parse_iso (json_object_get_string_member (a10, "end"))
                   - parse_iso (json_object_get_string_member (a10, "start")), ==, 10 * 3600);
  g_assert_cmpint (parse_iso (json_object_get_string_member (b10, "start")), ==,
                   parse_iso (json_object_get_string_member (a10, "end")));
  g_assert_cmpint (parse_iso (json_object_get_string_member (b20, "start")), >=,
                   parse_iso (json_object_get_string_member (b10, "end")));
  a10_start = g_strdup (json_object_get_string_member (a10, "start"));
  b10_start = g_strdup (json_object_get_string_member (b10, "start"));
  b20_start = g_strdup (json_object_get_string_member (b20, "start"));

  /* Refused, nothing changes: capacity (onto WO-000001 on MILL),
   * precedence (20 before 10 ends), non-working time (a Sunday night on
   * ASSY), another kind of work center. */
  {
    g_autoptr(PdCtlRun) run = CTL (f, AS_SUPERVISOR, "schedule", "move", "WO-000002", "10", "--start", a10_start);

    assert_refused (run, "WO-000001");
    pd_ctl_test_assert_contains (run->err, "MILL");
  }
  {
    g_autoptr(PdCtlRun) run = CTL (f, AS_SUPERVISOR, "schedule", "move", "WO-000002", "20", "--start", b10_start,
                                   "--workcenter", "ASSY");

    assert_refused (run, "WO-000002");
  }
  {
    g_autoptr(PdCtlRun) run = CTL (f, AS_SUPERVISOR, "schedule", "move", "WO-000002", "20",
                                   "--start", "2099-01-04T03:00:00Z");

    assert_refused (run, "ASSY");
  }
  {
    g_autoptr(PdCtlRun) run = CTL (f, AS_SUPERVISOR, "schedule", "move", "WO-000002", "10",
                                   "--start", a10_start, "--workcenter", "ASSY");

    assert_refused (run, "ASSY");
  }
  {
    g_autoptr(PdCtlRun) run = CTL (f, AS_SUPERVISOR, "schedule", "move", "WO-000002", "10",
                                   "--start", "tomorrow");

    assert_refused (run, "tomorrow");
  }
  {
    g_autoptr(JsonNode) node = pd_ctl_test_run_json (f->dir, AS_SUPERVISOR,
                                                     (const char * const []) { "wo", "show", "WO-000002", NULL });
    JsonArray *ops = json_object_get_array_member (json_node_get_object (node), "operations");
    JsonObject *op = json_array_get_object_element (ops, 0);

    g_assert_cmpint (parse_iso (json_object_get_string_member (op, "planned_start")), ==, parse_iso (b10_start));
    g_assert_false (json_object_get_boolean_member (op, "locked"));
  }

  /* Accepted: onto MILL2, a mill too, at once; locked there. */
  {
    g_autoptr(PdCtlRun) run = CTL (f, AS_SUPERVISOR, "schedule", "move", "WO-000002", "10", "--start", a10_start,
                                   "--workcenter", "MILL2");

    pd_ctl_test_assert_ok (run);
  }
  again = schedule_json (f);
  b10 = find_op (again, "WO-000002", 10);
  g_assert_cmpstr (json_object_get_string_member (b10, "workcenter"), ==, "MILL2");
  g_assert_cmpstr (json_object_get_string_member (b10, "state"), ==, "locked");
  g_assert_cmpint (parse_iso (json_object_get_string_member (b10, "start")), ==, parse_iso (a10_start));
  /* Its successor follows it, earlier than before. */
  b20 = find_op (again, "WO-000002", 20);
  g_assert_cmpint (parse_iso (json_object_get_string_member (b20, "start")), >=,
                   parse_iso (json_object_get_string_member (b10, "end")));
  g_assert_cmpint (parse_iso (json_object_get_string_member (b20, "start")), <=, parse_iso (b20_start));

  /* Unlock: the next scheduling places it again. */
  RUN_OK (f, AS_SUPERVISOR, "schedule", "unlock", "WO-000002", "10");
  {
    g_autoptr(PdCtlRun) run = CTL (f, AS_SUPERVISOR, "schedule", "unlock", "WO-000002", "10");

    assert_refused (run, "WO-000002");
  }
  after_unlock = schedule_json (f);
  b10 = find_op (after_unlock, "WO-000002", 10);
  g_assert_cmpstr (json_object_get_string_member (b10, "state"), ==, "planned");
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  pd_core_init ();

  g_test_add ("/ctl/schedule/plan-move-unlock", Fixture, NULL, pd_ctl_test_fixture_set_up_populated,
              test_schedule, pd_ctl_test_fixture_tear_down);

  status = g_test_run ();
  pd_ctl_test_clear_template ();
  return status;
}
