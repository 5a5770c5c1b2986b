/* test-ctl-mes.c — plantdesk-ctl workcenter, bom and routing: MES master
 * data from the command line, its --json shapes and its refusals
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-ctl-mes"

#include "config.h"

#include <json-glib/json-glib.h>
#include <sqlite3.h>
#include <string.h>

#include "pd-ctl-test-utils.h"
#include "pd-test-utils.h"

#define AS(user) PD_CTL_TEST_AS (user)
#define AS_ADMIN AS ("admin")
#define AS_SUPERVISOR AS ("supervisor")
#define AS_OPERATOR AS ("operator")

#define CTL(f, env, ...) pd_ctl_test_run ((f)->dir, (env), (const char * const []) { __VA_ARGS__, NULL })

typedef PdCtlFixture Fixture;

static const char tags_csv[] =
  "name,area,address,type,unit,writable,history\n"
  "good,holding,10,uint16,,false,false\n"
  "scrap,holding,11,uint16,,false,false\n"
  "running,coil,0,bool,,false,false\n";

/* The output of a command run with --json as a supervisor; it must succeed. */
static JsonNode *
ctl_json (Fixture            *f,
          const char * const *args)
{
  return pd_ctl_test_run_json (f->dir, AS_SUPERVISOR, args);
}

#define CTL_JSON(f, ...) ctl_json ((f), (const char * const []) { __VA_ARGS__, NULL })

#define RUN_OK(f, env, ...) G_STMT_START { \
    g_autoptr(PdCtlRun) run_ = CTL (f, env, __VA_ARGS__); \
    pd_ctl_test_assert_ok (run_); \
  } G_STMT_END

/* Items A, B, C, SCREW; warehouse WH1 with bin A-01; device PLC with tags
 * good, scrap and running. */
static void
add_master_data (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = g_build_filename (f->dir, "tags.csv", NULL);

  for (const char * const *sku = (const char * const []) { "A", "B", "C", "SCREW", NULL }; *sku; sku++)
    RUN_OK (f, AS_ADMIN, "item", "add", *sku, "--name", *sku, "--unit", "pcs");
  RUN_OK (f, AS_ADMIN, "location", "add", "WH1");
  RUN_OK (f, AS_ADMIN, "location", "add", "A-01", "--parent", "WH1");
  RUN_OK (f, AS_ADMIN, "device", "add", "PLC", "--tcp", "127.0.0.1:1502");
  g_file_set_contents (csv, tags_csv, -1, &error);
  g_assert_no_error (error);
  RUN_OK (f, AS_ADMIN, "tag", "import", "PLC", csv);
}

/* The run failed with status 1, stderr naming NEEDLE. */
static void
assert_failed_naming (PdCtlRun   *run,
                      const char *needle)
{
  pd_ctl_test_assert_failed (run);
  pd_ctl_test_assert_contains (run->err, needle);
}

/* Audit records of ACTION with RESULT in the store in F->dir. */
static gint64
count_audit (Fixture    *f,
             const char *action,
             const char *result)
{
  g_autofree char *path = g_build_filename (f->dir, "plantdesk.db", NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 count;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT COUNT(*) FROM audit_log WHERE action = ? AND result = ?",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, action, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, result, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  count = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return count;
}

/* --- workcenter ---------------------------------------------------------------- */

static void
test_workcenter (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(PdCtlRun) add = NULL;
  g_autoptr(PdCtlRun) list = NULL;
  g_autoptr(PdCtlRun) show = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonNode) all = NULL;
  JsonObject *object;
  JsonArray *shifts;

  add_master_data (f);

  add = CTL (f, AS_SUPERVISOR, "workcenter", "add", "MILL-1", "--name", "Mill 1", "--line", "L1",
             "--capacity", "2", "--shift", "mon-fri:06:00-14:00/10:00-10:15", "--shift", "mon-fri:14:00-22:00",
             "--good-tag", "PLC/good", "--scrap-tag", "PLC/scrap", "--running-tag", "PLC/running",
             "--from-location", "A-01", "--to-location", "WH1");
  pd_ctl_test_assert_ok (add);
  pd_ctl_test_assert_contains (add->out, "MILL-1");

  node = CTL_JSON (f, "workcenter", "add", "ASSY", "--name", "Assembly", "--shift", "sat:08:00-12:00");
  object = pd_ctl_test_node_get_object (node);
  g_assert_cmpstr (json_object_get_string_member (object, "code"), ==, "ASSY");
  g_assert_cmpint (json_object_get_int_member (object, "capacity"), ==, 1);
  g_assert_true (json_object_get_null_member (object, "good_tag"));

  all = CTL_JSON (f, "workcenter", "list");
  g_assert_cmpuint (json_array_get_length (pd_ctl_test_node_get_array (all)), ==, 2);
  object = pd_ctl_test_find_object (pd_ctl_test_node_get_array (all), "code", "MILL-1");
  g_assert_nonnull (object);
  g_assert_cmpstr (json_object_get_string_member (object, "name"), ==, "Mill 1");
  g_assert_cmpstr (json_object_get_string_member (object, "line"), ==, "L1");
  g_assert_cmpint (json_object_get_int_member (object, "capacity"), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (object, "good_tag"), ==, "PLC/good");
  g_assert_cmpstr (json_object_get_string_member (object, "scrap_tag"), ==, "PLC/scrap");
  g_assert_cmpstr (json_object_get_string_member (object, "running_tag"), ==, "PLC/running");
  g_assert_cmpstr (json_object_get_string_member (object, "from_location"), ==, "A-01");
  g_assert_cmpstr (json_object_get_string_member (object, "to_location"), ==, "WH1");
  shifts = json_object_get_array_member (object, "shifts");
  g_assert_cmpuint (json_array_get_length (shifts), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (shifts, 0), ==, "mon-fri:06:00-14:00/10:00-10:15");
  g_assert_cmpstr (json_array_get_string_element (shifts, 1), ==, "mon-fri:14:00-22:00");

  list = CTL (f, AS_OPERATOR, "workcenter", "list");
  pd_ctl_test_assert_ok (list);
  pd_ctl_test_assert_contains (list->out, "Assembly");
  pd_ctl_test_assert_contains (list->out, "mon-fri:14:00-22:00");

  show = CTL (f, AS_OPERATOR, "workcenter", "show", "mill-1");
  pd_ctl_test_assert_ok (show);
  pd_ctl_test_assert_contains (show->out, "PLC/running");
  pd_ctl_test_assert_contains (show->out, "A-01");
}

static void
test_workcenter_refused (Fixture       *f,
                         gconstpointer  data)
{
  static const struct {
    const char *args[8];
    const char *needle;
  } cases[] = {
    { { "--capacity", "0" }, "Capacity 0" },
    { { "--capacity", "two" }, "two" },
    { { "--shift", "mon-fri:25:00-14:00" }, "25:00" },
    { { "--shift", "mon-fri:06:00-14:00", "--shift", "mon:12:00-20:00" }, "overlap" },
    { { "--good-tag", "PLC/nope" }, "PLC/nope" },
    { { "--running-tag", "PLC" }, "DEVICE/TAG" },
    { { "--from-location", "NOWHERE" }, "NOWHERE" },
    { { "--to-location", "B-9" }, "B-9" },
  };
  g_autoptr(PdCtlRun) dup = NULL;
  g_autoptr(PdCtlRun) denied = NULL;
  g_autoptr(PdCtlRun) missing = NULL;
  g_autoptr(PdCtlRun) unknown = NULL;

  add_master_data (f);
  RUN_OK (f, AS_SUPERVISOR, "workcenter", "add", "MILL", "--name", "Mill");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) argv = g_ptr_array_new ();
      g_autoptr(PdCtlRun) run = NULL;

      for (const char * const *a = (const char * const []) { "workcenter", "add", "X", "--name", "X", NULL }; *a; a++)
        g_ptr_array_add (argv, (char *) *a);
      for (guint j = 0; cases[i].args[j] != NULL; j++)
        g_ptr_array_add (argv, (char *) cases[i].args[j]);
      g_ptr_array_add (argv, NULL);

      g_test_message ("case %u", i);
      run = pd_ctl_test_run (f->dir, AS_SUPERVISOR, (const char * const *) argv->pdata);
      assert_failed_naming (run, cases[i].needle);
    }

  dup = CTL (f, AS_SUPERVISOR, "workcenter", "add", "mill", "--name", "Again");
  assert_failed_naming (dup, "MILL");

  denied = CTL (f, AS_OPERATOR, "workcenter", "add", "OP", "--name", "Op");
  assert_failed_naming (denied, "may not change work centers");

  missing = CTL (f, AS_SUPERVISOR, "workcenter", "add", "NONAME");
  pd_ctl_test_assert_usage_error (missing);

  unknown = CTL (f, AS_SUPERVISOR, "workcenter", "show", "LATHE");
  assert_failed_naming (unknown, "LATHE");

  /* Nothing changed; of the refusals only the operator's denial is on
   * record. */
  g_assert_cmpint (pd_ctl_test_count_rows (f->dir, "work_centers"), ==, 1);
  g_assert_cmpint (pd_ctl_test_count_rows (f->dir, "work_center_shifts"), ==, 0);
  g_assert_cmpint (count_audit (f, "workcenter.add", "ok"), ==, 1);
  g_assert_cmpint (count_audit (f, "workcenter.add", "denied"), ==, 1);
}

/* --- bom ------------------------------------------------------------------------ */

static void
test_bom (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(JsonNode) set = NULL;
  g_autoptr(JsonNode) shown = NULL;
  g_autoptr(JsonNode) none = NULL;
  g_autoptr(PdCtlRun) text = NULL;
  g_autoptr(PdCtlRun) none_text = NULL;
  JsonObject *object;
  JsonArray *components;
  JsonObject *line;

  add_master_data (f);

  none = CTL_JSON (f, "bom", "show", "A");
  g_assert_true (JSON_NODE_HOLDS_NULL (none));
  none_text = CTL (f, AS_OPERATOR, "bom", "show", "A");
  pd_ctl_test_assert_ok (none_text);
  pd_ctl_test_assert_contains (none_text->out, "none");

  RUN_OK (f, AS_SUPERVISOR, "bom", "set", "A", "--component", "B:1");
  set = CTL_JSON (f, "bom", "set", "A", "--component", "B:2", "--component", "SCREW:0.25:2.5%",
                  "--pick-at-start", "B");
  object = pd_ctl_test_node_get_object (set);
  g_assert_cmpstr (json_object_get_string_member (object, "product"), ==, "A");
  g_assert_cmpint (json_object_get_int_member (object, "version"), ==, 2);
  g_assert_true (json_object_get_boolean_member (object, "active"));

  shown = CTL_JSON (f, "bom", "show", "a");
  object = pd_ctl_test_node_get_object (shown);
  g_assert_cmpint (json_object_get_int_member (object, "version"), ==, 2);
  components = json_object_get_array_member (object, "components");
  g_assert_cmpuint (json_array_get_length (components), ==, 2);
  line = pd_ctl_test_find_object (components, "component", "B");
  g_assert_cmpstr (json_object_get_string_member (line, "qty"), ==, "2");
  g_assert_false (json_object_get_boolean_member (line, "backflush"));
  line = pd_ctl_test_find_object (components, "component", "SCREW");
  g_assert_cmpstr (json_object_get_string_member (line, "qty"), ==, "0.25");
  g_assert_cmpstr (json_object_get_string_member (line, "scrap_pct"), ==, "2.5");
  g_assert_true (json_object_get_boolean_member (line, "backflush"));
  g_assert_cmpstr (json_object_get_string_member (line, "unit"), ==, "pcs");

  g_assert_cmpint (pd_ctl_test_count_rows (f->dir, "boms"), ==, 2);
  g_assert_cmpint (count_audit (f, "bom.set", "ok"), ==, 2);

  text = CTL (f, AS_OPERATOR, "bom", "show", "A");
  pd_ctl_test_assert_ok (text);
  pd_ctl_test_assert_contains (text->out, "version 2");
  pd_ctl_test_assert_contains (text->out, "SCREW");
}

static void
test_bom_refused (Fixture       *f,
                  gconstpointer  data)
{
  static const struct {
    const char *product;
    const char *component;
    const char *needle;
  } cases[] = {
    { "NOPE", "B:1", "NOPE" },
    { "A", "X9:1", "X9" },
    { "A", "B:0", "greater than zero" },
    { "A", "B:-2", "-2" },
    { "A", "B:1:150", "150" },
    { "A", "B", "SKU:QTY" },
    { "A", "A:1", "A → A" },
  };
  g_autoptr(PdCtlRun) cycle = NULL;
  g_autoptr(PdCtlRun) denied = NULL;
  g_autoptr(PdCtlRun) missing = NULL;
  g_autoptr(PdCtlRun) pick = NULL;

  add_master_data (f);
  RUN_OK (f, AS_SUPERVISOR, "bom", "set", "A", "--component", "B:1");
  RUN_OK (f, AS_SUPERVISOR, "bom", "set", "B", "--component", "C:1");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(PdCtlRun) run = CTL (f, AS_SUPERVISOR, "bom", "set", cases[i].product,
                                     "--component", cases[i].component);

      g_test_message ("case %s %s", cases[i].product, cases[i].component);
      assert_failed_naming (run, cases[i].needle);
    }

  /* A cycle through two levels exits 1 naming it. */
  cycle = CTL (f, AS_SUPERVISOR, "bom", "set", "C", "--component", "SCREW:1", "--component", "A:1");
  assert_failed_naming (cycle, "C → A → B → C");

  pick = CTL (f, AS_SUPERVISOR, "bom", "set", "C", "--component", "SCREW:1", "--pick-at-start", "B");
  assert_failed_naming (pick, "--pick-at-start");

  denied = CTL (f, AS_OPERATOR, "bom", "set", "C", "--component", "SCREW:1");
  assert_failed_naming (denied, "may not change");

  missing = CTL (f, AS_SUPERVISOR, "bom", "set", "C");
  pd_ctl_test_assert_usage_error (missing);

  g_assert_cmpint (pd_ctl_test_count_rows (f->dir, "boms"), ==, 2);
  g_assert_cmpint (pd_ctl_test_count_rows (f->dir, "bom_lines"), ==, 2);
}

/* --- routing ---------------------------------------------------------------------- */

static void
test_routing (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(JsonNode) set = NULL;
  g_autoptr(JsonNode) shown = NULL;
  g_autoptr(JsonNode) none = NULL;
  g_autoptr(PdCtlRun) text = NULL;
  JsonObject *object;
  JsonArray *ops;
  JsonObject *op;

  add_master_data (f);
  RUN_OK (f, AS_SUPERVISOR, "workcenter", "add", "MILL", "--name", "Mill");
  RUN_OK (f, AS_SUPERVISOR, "workcenter", "add", "ASSY", "--name", "Assembly");

  none = CTL_JSON (f, "routing", "show", "A");
  g_assert_true (JSON_NODE_HOLDS_NULL (none));

  set = CTL_JSON (f, "routing", "set", "A", "--op", "20:ASSY:5:30", "--op", "10:mill:12.5:1.25",
                  "--instructions", "10:Deburr: both edges", "--overlap", "10");
  object = pd_ctl_test_node_get_object (set);
  g_assert_cmpint (json_object_get_int_member (object, "version"), ==, 1);

  shown = CTL_JSON (f, "routing", "show", "A");
  object = pd_ctl_test_node_get_object (shown);
  g_assert_cmpstr (json_object_get_string_member (object, "product"), ==, "A");
  ops = json_object_get_array_member (object, "operations");
  g_assert_cmpuint (json_array_get_length (ops), ==, 2);
  op = json_array_get_object_element (ops, 0);
  g_assert_cmpint (json_object_get_int_member (op, "seq"), ==, 10);
  g_assert_cmpstr (json_object_get_string_member (op, "workcenter"), ==, "MILL");
  g_assert_cmpstr (json_object_get_string_member (op, "setup_minutes"), ==, "12.5");
  g_assert_cmpstr (json_object_get_string_member (op, "run_seconds_per_unit"), ==, "1.25");
  g_assert_cmpstr (json_object_get_string_member (op, "instructions"), ==, "Deburr: both edges");
  g_assert_true (json_object_get_boolean_member (op, "overlap"));
  op = json_array_get_object_element (ops, 1);
  g_assert_cmpstr (json_object_get_string_member (op, "workcenter"), ==, "ASSY");
  g_assert_cmpstr (json_object_get_string_member (op, "setup_minutes"), ==, "5");
  g_assert_true (json_object_get_null_member (op, "instructions"));
  g_assert_false (json_object_get_boolean_member (op, "overlap"));

  text = CTL (f, AS_OPERATOR, "routing", "show", "A");
  pd_ctl_test_assert_ok (text);
  pd_ctl_test_assert_contains (text->out, "ASSY");
  pd_ctl_test_assert_contains (text->out, "12.5");
}

static void
test_routing_refused (Fixture       *f,
                      gconstpointer  data)
{
  static const struct {
    const char *product;
    const char *op1;
    const char *op2;
    const char *needle;
  } cases[] = {
    { "A", "10:MILL:1:1", "10:ASSY:1:1", "Sequence 10" },
    { "A", "10:LATHE:1:1", NULL, "LATHE" },
    { "NOPE", "10:MILL:1:1", NULL, "NOPE" },
    { "A", "0:MILL:1:1", NULL, "“0”" },
    { "A", "10:MILL:-1:1", NULL, "-1" },
    { "A", "10:MILL:1:fast", NULL, "fast" },
    { "A", "10:MILL:1", NULL, "SEQ:WORKCENTER" },
  };
  g_autoptr(PdCtlRun) denied = NULL;
  g_autoptr(PdCtlRun) bad_overlap = NULL;
  g_autoptr(PdCtlRun) bad_text = NULL;

  add_master_data (f);
  RUN_OK (f, AS_SUPERVISOR, "workcenter", "add", "MILL", "--name", "Mill");
  RUN_OK (f, AS_SUPERVISOR, "workcenter", "add", "ASSY", "--name", "Assembly");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(PdCtlRun) run = NULL;

      g_test_message ("case %s %s", cases[i].product, cases[i].op1);
      if (cases[i].op2 != NULL)
        run = CTL (f, AS_SUPERVISOR, "routing", "set", cases[i].product, "--op", cases[i].op1,
                   "--op", cases[i].op2);
      else
        run = CTL (f, AS_SUPERVISOR, "routing", "set", cases[i].product, "--op", cases[i].op1);
      assert_failed_naming (run, cases[i].needle);
    }

  bad_overlap = CTL (f, AS_SUPERVISOR, "routing", "set", "A", "--op", "10:MILL:1:1", "--overlap", "20");
  assert_failed_naming (bad_overlap, "--overlap “20”");
  bad_text = CTL (f, AS_SUPERVISOR, "routing", "set", "A", "--op", "10:MILL:1:1", "--instructions", "10");
  assert_failed_naming (bad_text, "SEQ:TEXT");

  denied = CTL (f, AS_OPERATOR, "routing", "set", "A", "--op", "10:MILL:1:1");
  assert_failed_naming (denied, "may not change");

  g_assert_cmpint (pd_ctl_test_count_rows (f->dir, "routings"), ==, 0);
  g_assert_cmpint (pd_ctl_test_count_rows (f->dir, "routing_operations"), ==, 0);
  g_assert_cmpint (count_audit (f, "routing.set", "ok"), ==, 0);
  g_assert_cmpint (count_audit (f, "routing.set", "denied"), ==, 1);
}

/* --- workcenter update, exceptions, calendar ---------------------------------- */

static void
test_workcenter_update (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(JsonNode) added = NULL;
  g_autoptr(JsonNode) updated = NULL;
  g_autoptr(JsonNode) shown = NULL;
  g_autoptr(PdCtlRun) show = NULL;
  g_autoptr(PdCtlRun) list = NULL;
  JsonObject *object;
  JsonArray *shifts;

  add_master_data (f);
  added = CTL_JSON (f, "workcenter", "add", "PRESS-1", "--name", "Press 1", "--kind", "press",
                    "--shift", "mon-fri:06:00-14:00", "--good-tag", "PLC/good", "--to-location", "WH1");
  object = pd_ctl_test_node_get_object (added);
  g_assert_cmpstr (json_object_get_string_member (object, "kind"), ==, "press");

  updated = CTL_JSON (f, "workcenter", "update", "press-1", "--name", "Big press", "--line", "L2",
                      "--capacity", "3", "--shift", "mon-thu:07:00-15:00/11:00-11:30",
                      "--shift", "fri:07:00-12:00", "--no-good-tag", "--scrap-tag", "PLC/scrap",
                      "--from-location", "A-01", "--no-to-location");
  object = pd_ctl_test_node_get_object (updated);
  g_assert_cmpstr (json_object_get_string_member (object, "name"), ==, "Big press");

  shown = CTL_JSON (f, "workcenter", "show", "PRESS-1");
  object = pd_ctl_test_node_get_object (shown);
  g_assert_cmpstr (json_object_get_string_member (object, "name"), ==, "Big press");
  g_assert_cmpstr (json_object_get_string_member (object, "line"), ==, "L2");
  g_assert_cmpstr (json_object_get_string_member (object, "kind"), ==, "press");
  g_assert_cmpint (json_object_get_int_member (object, "capacity"), ==, 3);
  g_assert_true (json_object_get_null_member (object, "good_tag"));
  g_assert_cmpstr (json_object_get_string_member (object, "scrap_tag"), ==, "PLC/scrap");
  g_assert_cmpstr (json_object_get_string_member (object, "from_location"), ==, "A-01");
  g_assert_true (json_object_get_null_member (object, "to_location"));
  shifts = json_object_get_array_member (object, "shifts");
  g_assert_cmpuint (json_array_get_length (shifts), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (shifts, 0), ==, "mon-thu:07:00-15:00/11:00-11:30");
  g_assert_cmpstr (json_array_get_string_element (shifts, 1), ==, "fri:07:00-12:00");

  /* Without --shift the shifts stay; --no-kind clears the kind. */
  RUN_OK (f, AS_SUPERVISOR, "workcenter", "update", "PRESS-1", "--no-kind", "--no-line");
  g_clear_pointer (&shown, json_node_unref);
  shown = CTL_JSON (f, "workcenter", "show", "PRESS-1");
  object = pd_ctl_test_node_get_object (shown);
  g_assert_true (json_object_get_null_member (object, "kind"));
  g_assert_true (json_object_get_null_member (object, "line"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "shifts")), ==, 2);

  RUN_OK (f, AS_SUPERVISOR, "workcenter", "update", "PRESS-1", "--kind", "press");
  show = CTL (f, AS_OPERATOR, "workcenter", "show", "PRESS-1");
  pd_ctl_test_assert_ok (show);
  pd_ctl_test_assert_contains (show->out, "press");
  list = CTL (f, AS_OPERATOR, "workcenter", "list");
  pd_ctl_test_assert_ok (list);
  pd_ctl_test_assert_contains (list->out, "press");
  g_assert_cmpint (count_audit (f, "workcenter.update", "ok"), ==, 3);
}

static void
test_workcenter_update_refused (Fixture       *f,
                                gconstpointer  data)
{
  static const struct {
    const char *args[6];
    const char *needle;
  } cases[] = {
    { { "--capacity", "0" }, "Capacity 0" },
    { { "--capacity", "many" }, "many" },
    { { "--shift", "mon-fri:06:00-24:30" }, "24:30" },
    { { "--shift", "mon-fri:06:00-14:00", "--shift", "wed:13:00-20:00" }, "overlap" },
    { { "--good-tag", "PLC/nope" }, "PLC/nope" },
    { { "--good-tag", "PLC/good", "--no-good-tag" }, "--no-good-tag" },
    { { "--from-location", "NOWHERE" }, "NOWHERE" },
    { { "--name", "" }, "Name" },
  };
  g_autoptr(JsonNode) before = NULL;
  g_autoptr(JsonNode) after = NULL;
  g_autoptr(PdCtlRun) unknown = NULL;
  g_autoptr(PdCtlRun) nothing = NULL;
  g_autoptr(PdCtlRun) denied = NULL;
  g_autofree char *before_text = NULL;
  g_autofree char *after_text = NULL;

  add_master_data (f);
  RUN_OK (f, AS_SUPERVISOR, "workcenter", "add", "MILL", "--name", "Mill", "--shift", "mon-fri:06:00-14:00");
  before = CTL_JSON (f, "workcenter", "show", "MILL");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) argv = g_ptr_array_new ();
      g_autoptr(PdCtlRun) run = NULL;

      for (const char * const *a = (const char * const []) { "workcenter", "update", "MILL", NULL }; *a; a++)
        g_ptr_array_add (argv, (char *) *a);
      for (guint j = 0; cases[i].args[j] != NULL; j++)
        g_ptr_array_add (argv, (char *) cases[i].args[j]);
      g_ptr_array_add (argv, NULL);

      g_test_message ("case %u", i);
      run = pd_ctl_test_run (f->dir, AS_SUPERVISOR, (const char * const *) argv->pdata);
      assert_failed_naming (run, cases[i].needle);
    }

  nothing = CTL (f, AS_SUPERVISOR, "workcenter", "update", "MILL");
  assert_failed_naming (nothing, "--name");
  unknown = CTL (f, AS_SUPERVISOR, "workcenter", "update", "LATHE", "--capacity", "2");
  assert_failed_naming (unknown, "LATHE");
  denied = CTL (f, AS_OPERATOR, "workcenter", "update", "MILL", "--capacity", "2");
  assert_failed_naming (denied, "may not change");

  after = CTL_JSON (f, "workcenter", "show", "MILL");
  before_text = json_to_string (before, FALSE);
  after_text = json_to_string (after, FALSE);
  g_assert_cmpstr (after_text, ==, before_text);
  g_assert_cmpint (count_audit (f, "workcenter.update", "ok"), ==, 0);
}

/* The number of working intervals and working minutes of MILL in the week
 * of Monday 2026-12-21. */
static void
calendar_week (Fixture *f,
               guint   *n_intervals,
               gint64  *minutes)
{
  g_autoptr(JsonNode) node = CTL_JSON (f, "workcenter", "calendar", "MILL", "--from", "2026-12-21", "--days", "7");
  JsonArray *array = pd_ctl_test_node_get_array (node);

  *n_intervals = json_array_get_length (array);
  *minutes = 0;
  for (guint i = 0; i < *n_intervals; i++)
    *minutes += json_object_get_int_member (json_array_get_object_element (array, i), "minutes");
}

static void
test_workcenter_exceptions (Fixture       *f,
                            gconstpointer  data)
{
  static const struct {
    const char *args[10];
    const char *needle;
  } refused[] = {
    { { "add", "MILL", "--date", "2026-12-32", "--closed" }, "2026-12-32" },
    { { "add", "MILL", "--date", "24.12.2026", "--closed" }, "24.12.2026" },
    { { "add", "MILL", "--date", "2026-12-24" }, "--closed" },
    { { "add", "MILL", "--date", "2026-12-24", "--closed", "--overtime" }, "--overtime" },
    { { "add", "MILL", "--date", "2026-12-24", "--closed", "--from", "08:00" }, "--to" },
    { { "add", "MILL", "--date", "2026-12-24", "--closed", "--from", "8h", "--to", "12:00" }, "8h" },
    { { "add", "MILL", "--date", "2026-12-24", "--closed", "--from", "12:00", "--to", "08:00" }, "08:00" },
    { { "add", "LATHE", "--date", "2026-12-24", "--closed" }, "LATHE" },
    { { "remove", "MILL", "--date", "2026-12-25" }, "2026-12-25" },
  };
  g_autoptr(PdCtlRun) text = NULL;
  g_autoptr(PdCtlRun) show = NULL;
  g_autoptr(PdCtlRun) bad_action = NULL;
  g_autoptr(PdCtlRun) bad_days = NULL;
  g_autoptr(PdCtlRun) denied = NULL;
  g_autoptr(JsonNode) shown = NULL;
  JsonArray *exceptions;
  guint n = 0;
  gint64 minutes = 0;

  add_master_data (f);
  RUN_OK (f, AS_SUPERVISOR, "workcenter", "add", "MILL", "--name", "Mill",
          "--shift", "mon-fri:06:00-14:00/10:00-10:15");

  /* Five days of two intervals, 7 h 45 min each. */
  calendar_week (f, &n, &minutes);
  g_assert_cmpuint (n, ==, 10);
  g_assert_cmpint (minutes, ==, 5 * 465);

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(GPtrArray) argv = g_ptr_array_new ();
      g_autoptr(PdCtlRun) run = NULL;

      g_ptr_array_add (argv, (char *) "workcenter");
      g_ptr_array_add (argv, (char *) "exception");
      for (guint j = 0; refused[i].args[j] != NULL; j++)
        g_ptr_array_add (argv, (char *) refused[i].args[j]);
      g_ptr_array_add (argv, NULL);

      g_test_message ("case %u", i);
      run = pd_ctl_test_run (f->dir, AS_SUPERVISOR, (const char * const *) argv->pdata);
      assert_failed_naming (run, refused[i].needle);
    }
  bad_action = CTL (f, AS_SUPERVISOR, "workcenter", "exception", "drop", "MILL", "--date", "2026-12-24");
  pd_ctl_test_assert_usage_error (bad_action);
  denied = CTL (f, AS_OPERATOR, "workcenter", "exception", "add", "MILL", "--date", "2026-12-24", "--closed");
  assert_failed_naming (denied, "may not change");
  calendar_week (f, &n, &minutes);
  g_assert_cmpuint (n, ==, 10);

  /* Christmas Eve closed; Saturday morning overtime; Friday afternoon closed. */
  RUN_OK (f, AS_SUPERVISOR, "workcenter", "exception", "add", "MILL", "--date", "2026-12-24", "--closed",
          "--reason", "Christmas Eve");
  RUN_OK (f, AS_SUPERVISOR, "workcenter", "exception", "add", "MILL", "--date", "2026-12-26", "--overtime",
          "--from", "08:00", "--to", "12:00");
  RUN_OK (f, AS_SUPERVISOR, "workcenter", "exception", "add", "MILL", "--date", "2026-12-25", "--closed",
          "--from", "12:00", "--to", "24:00");
  calendar_week (f, &n, &minutes);
  /* Mon–Wed 2 each, Thu 0, Fri 06:00–10:00 and 10:15–12:00, Sat 1. */
  g_assert_cmpuint (n, ==, 6 + 0 + 2 + 1);
  g_assert_cmpint (minutes, ==, 3 * 465 + (240 + 105) + 240);

  shown = CTL_JSON (f, "workcenter", "show", "MILL");
  exceptions = json_object_get_array_member (pd_ctl_test_node_get_object (shown), "exceptions");
  g_assert_cmpuint (json_array_get_length (exceptions), ==, 3);
  show = CTL (f, AS_OPERATOR, "workcenter", "show", "MILL");
  pd_ctl_test_assert_ok (show);
  pd_ctl_test_assert_contains (show->out, "2026-12-24");
  pd_ctl_test_assert_contains (show->out, "Christmas Eve");

  RUN_OK (f, AS_SUPERVISOR, "workcenter", "exception", "remove", "MILL", "--date", "2026-12-24");
  calendar_week (f, &n, &minutes);
  g_assert_cmpuint (n, ==, 6 + 2 + 2 + 1);
  g_assert_cmpint (minutes, ==, 4 * 465 + (240 + 105) + 240);

  text = CTL (f, AS_OPERATOR, "workcenter", "calendar", "MILL", "--from", "2026-12-21", "--days", "2");
  pd_ctl_test_assert_ok (text);
  pd_ctl_test_assert_contains (text->out, "2026-12-21");
  pd_ctl_test_assert_contains (text->out, "10:15");
  pd_ctl_test_assert_contains (text->out, "15.50");
  bad_days = CTL (f, AS_OPERATOR, "workcenter", "calendar", "MILL", "--days", "0");
  assert_failed_naming (bad_days, "--days");
  g_assert_cmpint (count_audit (f, "workcenter.update", "ok"), ==, 4);
}

static void
test_help (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(PdCtlRun) help = CTL (f, NULL, "--help");

  pd_ctl_test_assert_ok (help);
  pd_ctl_test_assert_contains (help->out, "workcenter add");
  pd_ctl_test_assert_contains (help->out, "bom set");
  pd_ctl_test_assert_contains (help->out, "routing show");
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

  ADD ("/ctl/mes/workcenter", test_workcenter);
  ADD ("/ctl/mes/workcenter-refused", test_workcenter_refused);
  ADD ("/ctl/mes/workcenter-update", test_workcenter_update);
  ADD ("/ctl/mes/workcenter-update-refused", test_workcenter_update_refused);
  ADD ("/ctl/mes/workcenter-exceptions", test_workcenter_exceptions);
  ADD ("/ctl/mes/bom", test_bom);
  ADD ("/ctl/mes/bom-refused", test_bom_refused);
  ADD ("/ctl/mes/routing", test_routing);
  ADD ("/ctl/mes/routing-refused", test_routing_refused);
  ADD ("/ctl/mes/help", test_help);

  status = g_test_run ();
  pd_ctl_test_clear_template ();

  return status;
}
