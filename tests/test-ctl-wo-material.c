/* test-ctl-wo-material.c — plantdesk-ctl and the material of work orders:
 * wo shortage (text and JSON), a release refused with the list of what is
 * short, the moves in wo show, the ledger's refs and stock check
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-ctl-wo-material"

#include "config.h"

#include <glib/gi18n-lib.h>
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

#define CTL_JSON(f, ...) \
  pd_ctl_test_run_json ((f)->dir, AS_SUPERVISOR, (const char * const []) { __VA_ARGS__, NULL })

/* P of C1 (2 kg a part, 10 % scrap, backflushed) and C2 (0.5 a part,
 * picked at start); MILL takes from A-01, ASSY puts into FG. */
static void
add_master_data (Fixture *f)
{
  RUN_OK (f, AS_ADMIN, "item", "add", "P", "--name", "Product P", "--unit", "pcs");
  RUN_OK (f, AS_ADMIN, "item", "add", "C1", "--name", "Steel", "--unit", "kg");
  RUN_OK (f, AS_ADMIN, "item", "add", "C2", "--name", "Bracket", "--unit", "pcs");
  RUN_OK (f, AS_ADMIN, "location", "add", "WH1");
  RUN_OK (f, AS_ADMIN, "location", "add", "A-01", "--parent", "WH1");
  RUN_OK (f, AS_ADMIN, "location", "add", "FG", "--parent", "WH1");
  RUN_OK (f, AS_SUPERVISOR, "workcenter", "add", "MILL", "--name", "Mill", "--shift", "mon-fri:06:00-14:00",
          "--from-location", "A-01");
  RUN_OK (f, AS_SUPERVISOR, "workcenter", "add", "ASSY", "--name", "Assembly", "--shift", "mon-fri:06:00-14:00",
          "--to-location", "FG");
  RUN_OK (f, AS_SUPERVISOR, "bom", "set", "P", "--component", "C1:2:10", "--component", "C2:0.5",
          "--pick-at-start", "C2");
  RUN_OK (f, AS_SUPERVISOR, "routing", "set", "P", "--op", "10:MILL:0:30", "--op", "20:ASSY:0:45");
}

static void
test_shortage_and_moves (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdCtlRun) create = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(PdStore) store = NULL;
  g_autoptr(PdUser) supervisor = NULL;
  g_autofree char *number = NULL;
  JsonArray *array;
  JsonObject *o;
  gint64 n_events, n_moves;

  add_master_data (f);
  RUN_OK (f, AS_ADMIN, "stock", "receive", "C1", "30", "--to", "A-01");
  RUN_OK (f, AS_ADMIN, "stock", "receive", "C2", "2", "--to", "A-01");
  create = CTL (f, AS_SUPERVISOR, "wo", "create", "P", "10", "--due", "2099-06-01T12:00:00Z");
  pd_ctl_test_assert_ok (create);
  number = g_strstrip (g_strdup (create->out));

  /* C1 needs 22 (30 on hand), C2 needs 5 (2 on hand). */
  node = CTL_JSON (f, "wo", "shortage", number);
  array = pd_ctl_test_node_get_array (node);
  g_assert_cmpuint (json_array_get_length (array), ==, 1);
  o = json_array_get_object_element (array, 0);
  g_assert_cmpstr (json_object_get_string_member (o, "sku"), ==, "C2");
  g_assert_cmpstr (json_object_get_string_member (o, "location"), ==, "A-01");
  g_assert_cmpstr (json_object_get_string_member (o, "needed"), ==, "5");
  g_assert_cmpstr (json_object_get_string_member (o, "on_hand"), ==, "2");
  g_assert_cmpstr (json_object_get_string_member (o, "missing"), ==, "3");
  g_assert_false (json_object_get_boolean_member (o, "backflush"));
  g_clear_pointer (&node, json_node_unref);
  {
    g_autoptr(PdCtlRun) run = CTL (f, AS_OPERATOR, "wo", "shortage", number);

    pd_ctl_test_assert_ok (run);
    pd_ctl_test_assert_contains (run->out, "C2");
    pd_ctl_test_assert_contains (run->out, "A-01");
    g_assert_null (strstr (run->out, "C1"));
  }

  /* The release is refused with the list; nothing changes. */
  n_events = pd_ctl_test_count_rows (f->dir, "wo_events");
  n_moves = pd_ctl_test_count_rows (f->dir, "stock_moves");
  {
    g_autoptr(PdCtlRun) run = CTL (f, AS_SUPERVISOR, "wo", "release", number);
    g_autofree char *line = g_strdup_printf (_("%s: needed %s %s, on hand %s, missing %s"),
                                             "C2", "5", "pcs", "2", "3");

    pd_ctl_test_assert_failed (run);
    pd_ctl_test_assert_contains (run->err, number);
    pd_ctl_test_assert_contains (run->err, line);
  }
  g_assert_cmpint (pd_ctl_test_count_rows (f->dir, "wo_events"), ==, n_events);
  g_assert_cmpint (pd_ctl_test_count_rows (f->dir, "stock_moves"), ==, n_moves);

  RUN_OK (f, AS_ADMIN, "stock", "receive", "C2", "3", "--to", "A-01");
  {
    g_autoptr(PdCtlRun) run = CTL (f, AS_OPERATOR, "wo", "shortage", number);
    g_autofree char *none = g_strdup_printf (_("Nothing is short for work order %s."), number);

    pd_ctl_test_assert_ok (run);
    pd_ctl_test_assert_contains (run->out, none);
  }
  node = CTL_JSON (f, "wo", "shortage", number);
  g_assert_cmpuint (json_array_get_length (pd_ctl_test_node_get_array (node)), ==, 0);
  g_clear_pointer (&node, json_node_unref);
  RUN_OK (f, AS_SUPERVISOR, "wo", "release", number);

  /* What the scheduler will do: plan through the core. */
  store = pd_store_open (f->dir, &error);
  g_assert_no_error (error);
  supervisor = pd_test_login (store, "supervisor");
  g_assert_true (pd_store_schedule_work_order (store, supervisor, number, NULL, 0, &error));
  g_assert_no_error (error);
  g_clear_object (&supervisor);
  g_clear_object (&store);

  RUN_OK (f, AS_SUPERVISOR, "wo", "issue", number);
  RUN_OK (f, AS_OPERATOR, "wo", "start", number, "10");
  RUN_OK (f, AS_OPERATOR, "wo", "report", number, "10", "--good", "9", "--scrap", "1", "--scrap-reason", "material");
  RUN_OK (f, AS_OPERATOR, "wo", "complete", number, "10");
  RUN_OK (f, AS_OPERATOR, "wo", "start", number, "20");
  RUN_OK (f, AS_OPERATOR, "wo", "report", number, "20", "--good", "9");

  /* wo show lists the moves, text and JSON. */
  {
    g_autoptr(PdCtlRun) run = CTL (f, AS_OPERATOR, "wo", "show", number);

    pd_ctl_test_assert_ok (run);
    pd_ctl_test_assert_contains (run->out, _("Material and goods:"));
    pd_ctl_test_assert_contains (run->out, "FG");
  }
  node = CTL_JSON (f, "wo", "show", number);
  array = json_object_get_array_member (pd_ctl_test_node_get_object (node), "moves");
  g_assert_nonnull (array);
  g_assert_cmpuint (json_array_get_length (array), ==, 3);
  {
    const char *expected[][5] = {
      { "issue", "C2", "5", "A-01", NULL },
      { "issue", "C1", "22", "A-01", NULL },
      { "receipt", "P", "9", NULL, "FG" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
      {
        JsonObject *m = json_array_get_object_element (array, i);

        g_assert_cmpstr (json_object_get_string_member (m, "reason"), ==, expected[i][0]);
        g_assert_cmpstr (json_object_get_string_member (m, "sku"), ==, expected[i][1]);
        g_assert_cmpstr (json_object_get_string_member (m, "qty"), ==, expected[i][2]);
        g_assert_cmpstr (json_object_get_string_member (m, "from"), ==, expected[i][3]);
        g_assert_cmpstr (json_object_get_string_member (m, "to"), ==, expected[i][4]);
        g_assert_cmpstr (json_object_get_string_member (m, "ref"), ==, number);
      }
  }
  g_clear_pointer (&node, json_node_unref);

  /* The warehouse's ledger names the order; stock check agrees. */
  node = CTL_JSON (f, "stock", "ledger", "--limit", "0");
  array = pd_ctl_test_node_get_array (node);
  {
    guint with_ref = 0;

    for (guint i = 0; i < json_array_get_length (array); i++)
      if (g_strcmp0 (json_object_get_string_member (json_array_get_object_element (array, i), "ref"), number) == 0)
        with_ref++;
    g_assert_cmpuint (with_ref, ==, 3);
  }
  g_clear_pointer (&node, json_node_unref);
  RUN_OK (f, AS_SUPERVISOR, "stock", "check");
}

static void
test_refused (Fixture       *f,
              gconstpointer  data)
{
  add_master_data (f);
  RUN_OK (f, AS_SUPERVISOR, "workcenter", "update", "MILL", "--no-from-location");
  RUN_OK (f, AS_SUPERVISOR, "wo", "create", "P", "1", "--due", "2099-06-01T12:00:00Z");
  {
    g_autoptr(PdCtlRun) run = CTL (f, AS_SUPERVISOR, "wo", "release", "WO-000001");

    pd_ctl_test_assert_failed (run);
    pd_ctl_test_assert_contains (run->err, "MILL");
  }
  {
    g_autoptr(PdCtlRun) run = CTL (f, AS_SUPERVISOR, "wo", "shortage", "WO-000001");

    pd_ctl_test_assert_failed (run);
    pd_ctl_test_assert_contains (run->err, "MILL");
  }
  {
    g_autoptr(PdCtlRun) run = CTL (f, AS_SUPERVISOR, "wo", "shortage", "WO-000404");

    pd_ctl_test_assert_failed (run);
    pd_ctl_test_assert_contains (run->err, "WO-000404");
  }
  {
    g_autoptr(PdCtlRun) run = CTL (f, AS_SUPERVISOR, "wo", "shortage");

    pd_ctl_test_assert_usage_error (run);
  }
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

  ADD ("/ctl/wo-material/shortage-and-moves", test_shortage_and_moves);
  ADD ("/ctl/wo-material/refused", test_refused);

  status = g_test_run ();
  pd_ctl_test_clear_template ();
  return status;
}
