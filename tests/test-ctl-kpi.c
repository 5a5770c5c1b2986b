/* test-ctl-kpi.c — plantdesk-ctl oee and kpi on the hand-computed shift
 * of test-kpi.c: the figures in JSON, the table, the CSV, bad input
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-ctl-kpi"

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "pd-ctl-test-utils.h"
#include "pd-kpi-test-utils.h"
#include "pd-test-utils.h"

#define AS_OPERATOR PD_CTL_TEST_AS ("operator")
#define CTL(f, ...) pd_ctl_test_run ((f)->dir, AS_OPERATOR, (const char * const []) { __VA_ARGS__, NULL })
#define CTL_JSON(f, ...) pd_ctl_test_run_json ((f)->dir, AS_OPERATOR, (const char * const []) { __VA_ARGS__, NULL })

typedef PdCtlFixture Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  PdStore *store;

  pd_ctl_test_fixture_set_up_populated (f, data);
  store = pd_store_open (f->dir, &error);
  g_assert_no_error (error);
  pd_kpi_test_populate (store);
  g_assert_finalize_object (store);
}

/* The figures of test-kpi.c's hand computation: A = 7/9, P = 67/70,
 * Q = 20/21, OEE = 134/189. */
static void
test_oee_json (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(JsonNode) node = CTL_JSON (f, "oee", "press", "--from", "2026-11-23T06:00:00Z",
                                       "--to", "2026-11-23T14:00:00Z");
  JsonObject *o = pd_ctl_test_node_get_object (node);
  JsonArray *reasons;

  g_assert_cmpstr (json_object_get_string_member (o, "workcenter"), ==, "PRESS");
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (o, "availability"), 7.0 / 9.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (o, "performance"), 67.0 / 70.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (o, "quality"), 20.0 / 21.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (o, "oee"), 134.0 / 189.0, 1e-9);
  g_assert_cmpfloat (json_object_get_double_member (o, "planned_production_time_s"), ==, 27000);
  g_assert_cmpfloat (json_object_get_double_member (o, "run_time_s"), ==, 21000);
  g_assert_cmpfloat (json_object_get_double_member (o, "downtime_s"), ==, 6000);
  g_assert_cmpstr (json_object_get_string_member (o, "good"), ==, "400");
  g_assert_cmpstr (json_object_get_string_member (o, "scrap"), ==, "20");
  g_assert_cmpint (json_object_get_int_member (o, "orders_completed"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (o, "orders_on_time"), ==, 1);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (o, "on_time_rate"), 0.5, 1e-9);
  reasons = json_object_get_array_member (o, "downtime_by_reason");
  g_assert_cmpuint (json_array_get_length (reasons), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (reasons, 0), "reason"), ==, "breakdown");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (reasons, 1), "reason"), ==, "no-work");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (reasons, 2), "reason"), ==, "material");
}

/* A Saturday has no planned production time: every ratio is null. */
static void
test_oee_undefined (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(JsonNode) node = CTL_JSON (f, "oee", "PRESS", "--from", "2026-11-28", "--to", "2026-11-29");
  JsonObject *o = pd_ctl_test_node_get_object (node);

  for (const char * const *m = (const char * const []) { "availability", "performance", "quality", "oee", NULL }; *m; m++)
    g_assert_true (json_object_get_null_member (o, *m));
}

static void
test_oee_text (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(PdCtlRun) run = CTL (f, "oee", "PRESS", "--from", "2026-11-23T06:00:00Z", "--to", "2026-11-23T14:00:00Z");

  pd_ctl_test_assert_ok (run);
  pd_ctl_test_assert_contains (run->out, "PRESS");
  pd_ctl_test_assert_contains (run->out, "77.8 %");
  pd_ctl_test_assert_contains (run->out, "95.7 %");
  pd_ctl_test_assert_contains (run->out, "95.2 %");
  pd_ctl_test_assert_contains (run->out, "70.9 %");
  pd_ctl_test_assert_contains (run->out, "7 h 30 min");
  pd_ctl_test_assert_contains (run->out, "Breakdown");
  /* The Pareto: breakdown before no work before material. */
  g_assert_true (strstr (run->out, "Breakdown") < strstr (run->out, "Unplanned"));
  g_assert_true (strstr (run->out, "Unplanned") < strstr (run->out, "Material shortage"));
}

/* kpi by day over two days, every work center: table, CSV and JSON. */
static void
test_kpi (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(PdCtlRun) table = CTL (f, "kpi", "--from", "2026-11-23", "--to", "2026-11-25");
  g_autoptr(PdCtlRun) csv = CTL (f, "kpi", "--workcenter", "PRESS", "--by", "shift", "--from", "2026-11-23",
                                 "--to", "2026-11-25", "--csv");
  g_autoptr(JsonNode) node = CTL_JSON (f, "kpi", "--from", "2026-11-23", "--to", "2026-11-25");
  JsonObject *o = pd_ctl_test_node_get_object (node);
  JsonArray *rows = json_object_get_array_member (o, "rows");
  g_auto(GStrv) lines = NULL;

  pd_ctl_test_assert_ok (table);
  pd_ctl_test_assert_contains (table->out, "ASSEMBLY");
  pd_ctl_test_assert_contains (table->out, "70.9 %");

  pd_ctl_test_assert_ok (csv);
  lines = g_strsplit (csv->out, "\r\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 4);
  g_assert_true (g_str_has_prefix (lines[0], "work_center,start,end,ppt_s,"));
  g_assert_true (g_str_has_prefix (lines[1], "PRESS,2026-11-23T06:00:00.000+00:00,2026-11-23T14:00:00.000+00:00,27000,21000,"));
  g_assert_true (g_str_has_prefix (lines[2], "PRESS,2026-11-24T06:00:00.000+00:00,2026-11-24T14:00:00.000+00:00,27000,0,"));

  g_assert_cmpstr (json_object_get_string_member (o, "by"), ==, "day");
  g_assert_cmpuint (json_array_get_length (rows), ==, 4);   /* 2 work centers × 2 days */
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "totals")), ==, 2);
  {
    JsonObject *press_mon = json_array_get_object_element (rows, 2);

    g_assert_cmpstr (json_object_get_string_member (press_mon, "workcenter"), ==, "PRESS");
    g_assert_cmpfloat_with_epsilon (json_object_get_double_member (press_mon, "oee"), 134.0 / 189.0, 1e-9);
  }
}

static void
test_bad_input (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(PdCtlRun) unknown = CTL (f, "oee", "NOPE");
  g_autoptr(PdCtlRun) bad_time = CTL (f, "oee", "PRESS", "--from", "yesterday");
  g_autoptr(PdCtlRun) reversed = CTL (f, "oee", "PRESS", "--from", "2026-11-24", "--to", "2026-11-23");
  g_autoptr(PdCtlRun) bad_by = CTL (f, "kpi", "--by", "week");

  pd_ctl_test_assert_failed (unknown);
  pd_ctl_test_assert_contains (unknown->err, "NOPE");
  pd_ctl_test_assert_usage_error (bad_time);
  pd_ctl_test_assert_contains (bad_time->err, "yesterday");
  pd_ctl_test_assert_usage_error (reversed);
  pd_ctl_test_assert_usage_error (bad_by);
  pd_ctl_test_assert_contains (bad_by->err, "week");
}

/* Without a range: the current shift or today so far — it succeeds and
 * covers a range ending now. */
static void
test_default_range (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(JsonNode) node = CTL_JSON (f, "oee", "PRESS");
  JsonObject *o = pd_ctl_test_node_get_object (node);
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) to = g_date_time_new_from_iso8601 (json_object_get_string_member (o, "to"), utc);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  g_assert_nonnull (to);
  g_assert_cmpint (ABS (g_date_time_difference (now, to)), <, 300 * G_USEC_PER_SEC);
}

int
main (int    argc,
      char **argv)
{
  int ret;

  g_setenv ("TZ", "UTC", TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_setup, fn, pd_ctl_test_fixture_tear_down)
  ADD ("/ctl/kpi/oee-json", test_oee_json);
  ADD ("/ctl/kpi/oee-undefined", test_oee_undefined);
  ADD ("/ctl/kpi/oee-text", test_oee_text);
  ADD ("/ctl/kpi/kpi", test_kpi);
  ADD ("/ctl/kpi/bad-input", test_bad_input);
  ADD ("/ctl/kpi/default-range", test_default_range);
#undef ADD

  ret = g_test_run ();
  pd_ctl_test_clear_template ();
  return ret;
}
