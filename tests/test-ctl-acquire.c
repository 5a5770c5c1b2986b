/* test-ctl-acquire.c — plantdesk-ctl read, write, diag, acquire and history
 * against plantdesk-sim, run as scripts and operators run them
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-ctl-acquire"

#include "config.h"

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "pd-sim-test-utils.h"
#include "pd-ctl-test-utils.h"
#include "pd-test-utils.h"

#define AS(user) PD_CTL_TEST_AS (user)
#define AS_ADMIN AS ("admin")

/* Runs plantdesk-ctl --data-dir F->DIR ARGS… as the user in ENV. */
#define CTL(f, env, ...) \
  pd_ctl_test_run_full ((f)->dir, (env), (const char * const []) { __VA_ARGS__, NULL }, EXIT_SOME_BAD)

/* "read" exits with this when some tag is bad. */
#define EXIT_SOME_BAD 3

/* The test's tag list, against the register map in docs/plantdesk-sim.md.
 * Holding registers and coils keep their defaults until written, so their
 * values are known; the rest are computed by the model. */
static const char tags_csv[] =
  "name,area,address,type,byte_order,word_order,scale,offset,unit,writable,history\n"
  "conveyor_run,coil,0,bool,,,,,,true,true\n"
  "horn,coil,5,bool,,,,,,true,false\n"
  "estop_healthy,discrete,5,bool,,,,,,false,true\n"
  "sim_seconds,input,0,uint32,big,big,,,s,false,false\n"
  "motor_current,input,3,float32,big,big,,,A,false,true\n"
  "motor_current_lw,input,5,float32,big,little,,,A,false,false\n"
  "chiller_temperature,input,8,int16,,,0.1,,°C,false,false\n"
  "energy_total,input,40,float64,big,big,,,kWh,false,false\n"
  "energy_total_lw,input,44,float64,big,little,,,kWh,false,false\n"
  "belt_tracking,input,48,int32,big,big,0.001,,mm,false,false\n"
  "speed_swapped,input,51,uint16,little,,,,mm/s,false,false\n"
  "speed_setpoint,holding,0,uint16,,,,,mm/s,true,true\n"
  "scrap_rate,holding,4,uint16,,,0.1,,%,true,false\n"
  "temperature_setpoint,holding,5,float32,big,big,,,°C,true,true\n"
  "forced_faults,holding,7,uint16,,,,,,false,false\n"
  "recipe_weight,holding,10,float64,big,big,,,kg,true,false\n"
  "tracking_trim,holding,14,int32,big,big,,,µm,true,false\n"
  "temperature_trim,holding,16,int16,,,0.1,,°C,true,false\n";

#define N_TAGS 18

typedef struct
{
  char  *dir;
  PdSim *sim;
  guint  port;
} Fixture;

static void sim_command (Fixture    *f,
                         const char *format,
                         ...) G_GNUC_PRINTF (2, 3);

/* A control command for the fixture's device, e.g. "exception 40-49". */
static void
sim_command (Fixture    *f,
             const char *format,
             ...)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *command = NULL;
  va_list args;

  va_start (args, format);
  command = g_strdup_vprintf (format, args);
  va_end (args);

  pd_sim_commandf (f->sim, &error, "%u %s", f->port, command);
  g_assert_no_error (error);
}

/* --- read --json --------------------------------------------------------------- */

/* `read DEVICE --json` as administrator, with its exit status. Every tag of
 * the device is in the array, in order, with the four members. */
static JsonArray *
read_json (Fixture *f,
           int      expected_status)
{
  g_autoptr(PdCtlRun) run = CTL (f, AS_ADMIN, "read", "PLC", "--json");
  g_autoptr(JsonNode) node = NULL;
  JsonArray *array;
  gint64 now = g_get_real_time ();

  pd_ctl_test_assert_status (run, expected_status);
  g_assert_cmpstr (run->err, ==, "");
  node = pd_ctl_test_parse_json (run->out);
  array = json_array_ref (pd_ctl_test_node_get_array (node));
  g_assert_cmpuint (json_array_get_length (array), ==, N_TAGS);

  for (guint i = 0; i < N_TAGS; i++)
    {
      JsonObject *object = json_array_get_object_element (array, i);
      g_autoptr(GDateTime) ts = NULL;
      const char *quality;

      g_assert_nonnull (object);
      g_assert_cmpuint (json_object_get_size (object), ==, 4);
      g_assert_true (json_object_has_member (object, "tag"));
      g_assert_true (json_object_has_member (object, "value"));
      quality = json_object_get_string_member (object, "quality");
      g_assert_true (g_strcmp0 (quality, "good") == 0 || g_strcmp0 (quality, "bad") == 0);
      if (g_strcmp0 (quality, "bad") == 0)
        g_assert_true (json_object_get_null_member (object, "value"));

      /* ISO 8601, in UTC, taken just now. */
      ts = g_date_time_new_from_iso8601 (json_object_get_string_member (object, "ts"), NULL);
      g_assert_nonnull (ts);
      g_assert_cmpint (g_date_time_to_unix (ts), >=, now / G_USEC_PER_SEC - 60);
      g_assert_cmpint (g_date_time_to_unix (ts), <=, now / G_USEC_PER_SEC + 60);
    }

  return array;
}

static JsonObject *
find_tag (JsonArray  *array,
          const char *name)
{
  JsonObject *object = pd_ctl_test_find_object (array, "tag", name);

  if (object == NULL)
    g_error ("no tag “%s” in the answer", name);
  return object;
}

static const char *
quality_of (JsonArray  *array,
            const char *name)
{
  return json_object_get_string_member (find_tag (array, name), "quality");
}

static double
number_of (JsonArray  *array,
           const char *name)
{
  JsonObject *object = find_tag (array, name);
  JsonNode *value = json_object_get_member (object, "value");

  g_assert_cmpstr (json_object_get_string_member (object, "quality"), ==, "good");
  g_assert_true (JSON_NODE_HOLDS_VALUE (value));
  g_assert_true (json_node_get_value_type (value) == G_TYPE_DOUBLE ||
                 json_node_get_value_type (value) == G_TYPE_INT64);
  return json_node_get_double (value);
}

static gboolean
bool_of (JsonArray  *array,
         const char *name)
{
  JsonObject *object = find_tag (array, name);
  JsonNode *value = json_object_get_member (object, "value");

  g_assert_cmpstr (json_object_get_string_member (object, "quality"), ==, "good");
  g_assert_true (JSON_NODE_HOLDS_VALUE (value));
  g_assert_true (json_node_get_value_type (value) == G_TYPE_BOOLEAN);
  return json_node_get_boolean (value);
}

static void
assert_approx (double value,
               double expected)
{
  if (!G_APPROX_VALUE (value, expected, 1e-9))
    g_error ("%.17g is not %.17g", value, expected);
}

/* --- Fixtures ------------------------------------------------------------------ */

/* A fresh station, a simulated PLC on a free port, and the device with the
 * test's tags added to the station through plantdesk-ctl. */
static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *address = NULL;
  g_autofree char *csv = NULL;
  g_autoptr(PdCtlRun) add = NULL;
  g_autoptr(PdCtlRun) import = NULL;

  f->dir = pd_ctl_test_data_dir_new_populated ();

  f->sim = pd_sim_start (NULL, &error);
  g_assert_no_error (error);
  f->port = pd_sim_get_port (f->sim, 0);

  address = g_strdup_printf ("127.0.0.1:%u", f->port);
  add = CTL (f, AS_ADMIN, "device", "add", "PLC", "--tcp", address, "--timeout-ms", "500",
             "--poll-ms", "200", "--state", "commissioned");
  pd_ctl_test_assert_ok (add);

  csv = g_build_filename (f->dir, "plc.csv", NULL);
  g_file_set_contents (csv, tags_csv, -1, &error);
  g_assert_no_error (error);
  import = CTL (f, AS_ADMIN, "tag", "import", "PLC", csv);
  pd_ctl_test_assert_ok (import);
  pd_ctl_test_assert_contains (import->out, "18 added");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_assert_cmpint (pd_sim_stop (g_steal_pointer (&f->sim)), ==, 0);
  g_clear_pointer (&f->dir, pd_test_data_dir_free);
}

/* --- Tests --------------------------------------------------------------------- */

static void
test_read (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(JsonArray) values = read_json (f, 0);
  g_autoptr(PdCtlRun) table = CTL (f, AS ("operator"), "read", "PLC");
  g_autoptr(PdCtlRun) leading = CTL (f, AS ("operator"), "--json", "read", "PLC");
  g_autoptr(JsonNode) again = NULL;

  for (guint i = 0; i < N_TAGS; i++)
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (values, i), "quality"),
                     ==, "good");

  /* The defaults of the register map. */
  g_assert_true (bool_of (values, "conveyor_run"));
  g_assert_false (bool_of (values, "horn"));
  g_assert_true (bool_of (values, "estop_healthy"));
  g_assert_cmpfloat (number_of (values, "speed_setpoint"), ==, 500);
  assert_approx (number_of (values, "scrap_rate"), 2.0);
  g_assert_cmpfloat (number_of (values, "temperature_setpoint"), ==, 180.0);
  g_assert_cmpfloat (number_of (values, "forced_faults"), ==, 0);
  g_assert_cmpfloat (number_of (values, "recipe_weight"), ==, 12.5);
  g_assert_cmpfloat (number_of (values, "tracking_trim"), ==, -250);
  assert_approx (number_of (values, "temperature_trim"), -1.5);

  /* Computed values: in their range, and the word-swapped copies, read in
   * the same answer, equal to the originals. */
  g_assert_cmpfloat (number_of (values, "sim_seconds"), >=, 0);
  g_assert_cmpfloat (number_of (values, "motor_current"), >, 0);
  g_assert_cmpfloat (number_of (values, "motor_current"), ==, number_of (values, "motor_current_lw"));
  g_assert_cmpfloat (number_of (values, "energy_total"), ==, number_of (values, "energy_total_lw"));
  g_assert_cmpfloat (number_of (values, "chiller_temperature"), <, -10);
  g_assert_cmpfloat (number_of (values, "chiller_temperature"), >, -25);
  g_assert_cmpfloat (fabs (number_of (values, "belt_tracking")), <=, 1.5 + 0.25 + 0.02 + 1e-9);
  g_assert_cmpfloat (number_of (values, "speed_swapped"), >=, 0);
  g_assert_cmpfloat (number_of (values, "speed_swapped"), <=, 3000);

  /* A table for people, and --json before the command as well. */
  pd_ctl_test_assert_ok (table);
  pd_ctl_test_assert_contains (table->out, "QUALITY");
  pd_ctl_test_assert_contains (table->out, "speed_setpoint");
  pd_ctl_test_assert_contains (table->out, "500");
  pd_ctl_test_assert_contains (table->out, "mm/s");
  g_assert_null (strstr (table->out, "bad"));
  pd_ctl_test_assert_ok (leading);
  again = pd_ctl_test_parse_json (leading->out);
  g_assert_cmpuint (json_array_get_length (pd_ctl_test_node_get_array (again)), ==, N_TAGS);
}

static void
test_read_exception (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(JsonArray) values = NULL;
  g_autoptr(JsonArray) cleared = NULL;
  g_autoptr(PdCtlRun) table = NULL;
  const char *bad[] = { "energy_total", "energy_total_lw", "belt_tracking" };

  /* Input 40–49 (and every other area's 40–49, where the test has no
   * tags) answer with exception 2. */
  sim_command (f, "exception 40-49");
  values = read_json (f, EXIT_SOME_BAD);
  for (guint i = 0; i < N_TAGS; i++)
    {
      JsonObject *object = json_array_get_object_element (values, i);
      const char *name = json_object_get_string_member (object, "tag");
      gboolean expect_bad = FALSE;

      for (guint j = 0; j < G_N_ELEMENTS (bad); j++)
        expect_bad |= g_strcmp0 (name, bad[j]) == 0;
      g_assert_cmpstr (json_object_get_string_member (object, "quality"), ==, expect_bad ? "bad" : "good");
    }
  /* Its neighbours in the same block are read one by one. */
  g_assert_cmpfloat (number_of (values, "speed_setpoint"), ==, 500);
  g_assert_cmpfloat (number_of (values, "motor_current"), ==, number_of (values, "motor_current_lw"));
  g_assert_cmpfloat (number_of (values, "speed_swapped"), >=, 0);

  table = CTL (f, AS_ADMIN, "read", "PLC");
  pd_ctl_test_assert_status (table, EXIT_SOME_BAD);
  pd_ctl_test_assert_contains (table->out, "bad");

  sim_command (f, "clear");
  cleared = read_json (f, 0);
  g_assert_cmpstr (quality_of (cleared, "energy_total"), ==, "good");
}

static void
test_read_unreachable (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *address = g_strdup_printf ("127.0.0.1:%u", f->port);
  g_autoptr(PdCtlRun) refused = NULL;
  g_autoptr(PdCtlRun) refused_json = NULL;
  g_autoptr(PdCtlRun) frozen = NULL;
  g_autoptr(PdCtlRun) missing = NULL;
  g_autoptr(PdCtlRun) back = NULL;

  /* Connections refused. */
  sim_command (f, "refuse");
  refused = CTL (f, AS_ADMIN, "read", "PLC");
  pd_ctl_test_assert_failed (refused);
  pd_ctl_test_assert_contains (refused->err, address);
  pd_ctl_test_assert_contains (refused->err, "refused");
  refused_json = CTL (f, AS_ADMIN, "--json", "read", "PLC");
  pd_ctl_test_assert_failed (refused_json);

  /* Connected, but never answering: one timeout, not one per tag. */
  sim_command (f, "accept");
  sim_command (f, "freeze");
  frozen = CTL (f, AS_ADMIN, "read", "PLC");
  pd_ctl_test_assert_failed (frozen);
  pd_ctl_test_assert_contains (frozen->err, "PLC");
  pd_ctl_test_assert_contains (frozen->err, "does not answer");

  missing = CTL (f, AS_ADMIN, "read", "PLC-9");
  pd_ctl_test_assert_failed (missing);
  pd_ctl_test_assert_contains (missing->err, "PLC-9");

  sim_command (f, "clear");
  back = CTL (f, AS_ADMIN, "read", "PLC");
  pd_ctl_test_assert_ok (back);
}

/* The audit log as the administrator sees it with --json. */
static gboolean
audit_has (Fixture    *f,
           const char *user,
           const char *action,
           const char *result)
{
  g_autoptr(PdCtlRun) run = CTL (f, AS_ADMIN, "--json", "audit", "list", "--limit", "0");
  g_autoptr(JsonNode) node = NULL;
  JsonArray *records;

  pd_ctl_test_assert_ok (run);
  node = pd_ctl_test_parse_json (run->out);
  records = pd_ctl_test_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (records); i++)
    {
      JsonObject *record = json_array_get_object_element (records, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (record, "user", NULL), user) == 0 &&
          g_strcmp0 (json_object_get_string_member (record, "action"), action) == 0 &&
          g_strcmp0 (json_object_get_string_member (record, "result"), result) == 0)
        return TRUE;
    }

  return FALSE;
}

static void
write_ok (Fixture    *f,
          const char *user,
          const char *tag,
          const char *value)
{
  g_autoptr(PdCtlRun) run = pd_ctl_test_run_full (f->dir, (const char * const []) {
                                                   user, "PLANTDESK_PASSWORD=" PD_TEST_PASSWORD, NULL },
                                                 (const char * const []) { "write", "PLC", tag, value, NULL },
                                                 EXIT_SOME_BAD);

  pd_ctl_test_assert_ok (run);
  pd_ctl_test_assert_contains (run->out, "PLC/");
  pd_ctl_test_assert_contains (run->out, tag);
}

static void
test_write (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(JsonArray) written = NULL;
  g_autoptr(JsonArray) after = NULL;
  g_autoptr(PdCtlRun) denied = NULL;
  g_autoptr(PdCtlRun) read_only = NULL;
  g_autoptr(PdCtlRun) input = NULL;
  g_autoptr(PdCtlRun) too_big = NULL;
  g_autoptr(PdCtlRun) no_tag = NULL;
  gint64 outbox_before;

  /* Engineering units, every register width, and a coil. */
  write_ok (f, "PLANTDESK_USER=operator", "speed_setpoint", "750");
  write_ok (f, "PLANTDESK_USER=operator", "temperature_setpoint", "175.5");
  write_ok (f, "PLANTDESK_USER=operator", "recipe_weight", "-3.25");
  write_ok (f, "PLANTDESK_USER=operator", "tracking_trim", "-100000");
  write_ok (f, "PLANTDESK_USER=operator", "temperature_trim", "-2.5");
  write_ok (f, "PLANTDESK_USER=operator", "horn", "true");
  write_ok (f, "PLANTDESK_USER=supervisor", "scrap_rate", "4.5");

  written = read_json (f, 0);
  g_assert_cmpfloat (number_of (written, "speed_setpoint"), ==, 750);
  g_assert_cmpfloat (number_of (written, "temperature_setpoint"), ==, 175.5);
  g_assert_cmpfloat (number_of (written, "recipe_weight"), ==, -3.25);
  g_assert_cmpfloat (number_of (written, "tracking_trim"), ==, -100000);
  assert_approx (number_of (written, "temperature_trim"), -2.5);
  assert_approx (number_of (written, "scrap_rate"), 4.5);
  g_assert_true (bool_of (written, "horn"));
  g_assert_true (audit_has (f, "operator", "tag.write", "ok"));

  outbox_before = pd_ctl_test_count_rows (f->dir, "outbox");

  /* A role without the permission: refused, audited, nothing written. */
  denied = CTL (f, AS ("warehouse"), "write", "PLC", "speed_setpoint", "100");
  pd_ctl_test_assert_failed (denied);
  pd_ctl_test_assert_contains (denied->err, "may not write values to devices");
  g_assert_true (audit_has (f, "warehouse", "tag.write", "denied"));

  /* Tags that cannot be written, a value that does not fit, no such tag. */
  read_only = CTL (f, AS ("operator"), "write", "PLC", "forced_faults", "1");
  pd_ctl_test_assert_failed (read_only);
  pd_ctl_test_assert_contains (read_only->err, "forced_faults");
  pd_ctl_test_assert_contains (read_only->err, "not writable");
  input = CTL (f, AS ("operator"), "write", "PLC", "motor_current", "1");
  pd_ctl_test_assert_failed (input);
  pd_ctl_test_assert_contains (input->err, "not writable");
  too_big = CTL (f, AS ("operator"), "write", "PLC", "speed_setpoint", "70000");
  pd_ctl_test_assert_failed (too_big);
  no_tag = CTL (f, AS ("operator"), "write", "PLC", "nothing", "1");
  pd_ctl_test_assert_failed (no_tag);
  pd_ctl_test_assert_contains (no_tag->err, "nothing");

  after = read_json (f, 0);
  g_assert_cmpfloat (number_of (after, "speed_setpoint"), ==, 750);
  g_assert_cmpfloat (number_of (after, "forced_faults"), ==, 0);
  g_assert_cmpint (pd_ctl_test_count_rows (f->dir, "outbox"), ==, outbox_before);
}

static void
test_diag (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(PdCtlRun) json = CTL (f, AS ("operator"), "diag", "PLC", "--seconds", "1", "--json");
  g_autoptr(PdCtlRun) text = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonObject *diag;
  const char *members[] = { "cycles", "late_cycles", "requests", "errors", "timeouts", "reconnects",
                            "latency_p50_us", "latency_p95_us", "latency_p99_us", "requests_per_cycle" };

  pd_ctl_test_assert_ok (json);
  node = pd_ctl_test_parse_json (json->out);
  diag = pd_ctl_test_node_get_object (node);
  g_assert_cmpstr (json_object_get_string_member (diag, "device"), ==, "PLC");
  g_assert_cmpstr (json_object_get_string_member (diag, "state"), ==, "online");
  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    {
      JsonNode *member = json_object_get_member (diag, members[i]);

      g_assert_nonnull (member);
      g_assert_true (json_node_get_value_type (member) == G_TYPE_INT64);
      g_assert_cmpint (json_node_get_int (member), >=, 0);
    }
  g_assert_cmpint (json_object_get_int_member (diag, "cycles"), >, 0);
  g_assert_cmpint (json_object_get_int_member (diag, "requests"), >, 0);
  g_assert_cmpint (json_object_get_int_member (diag, "requests_per_cycle"), >, 0);
  g_assert_cmpint (json_object_get_int_member (diag, "requests"), >=,
                   json_object_get_int_member (diag, "cycles"));
  g_assert_cmpint (json_object_get_int_member (diag, "errors"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (diag, "latency_p50_us"), >, 0);
  g_assert_cmpint (json_object_get_int_member (diag, "latency_p50_us"), <=,
                   json_object_get_int_member (diag, "latency_p95_us"));
  g_assert_cmpint (json_object_get_int_member (diag, "latency_p95_us"), <=,
                   json_object_get_int_member (diag, "latency_p99_us"));
  g_assert_true (json_object_has_member (diag, "error_rate"));
  g_assert_true (json_object_get_null_member (diag, "last_error"));

  /* A device answering exceptions: the errors are counted and named. */
  sim_command (f, "exception 0-100");
  text = CTL (f, AS ("operator"), "diag", "PLC", "--seconds", "1");
  pd_ctl_test_assert_ok (text);
  pd_ctl_test_assert_contains (text->out, "Requests:");
  pd_ctl_test_assert_contains (text->out, "Latency p50/95/99:");
  g_assert_null (strstr (text->out, "Errors:             0 "));
  g_assert_null (strstr (text->out, "Last error:         none"));
}

static JsonArray *
history_json (Fixture    *f,
              const char *tag,
              const char *buckets)
{
  g_autoptr(PdCtlRun) run = NULL;
  g_autoptr(JsonNode) node = NULL;

  if (buckets != NULL)
    run = CTL (f, AS ("operator"), "--json", "history", tag, "--buckets", buckets);
  else
    run = CTL (f, AS ("operator"), "--json", "history", tag);
  pd_ctl_test_assert_ok (run);
  node = pd_ctl_test_parse_json (run->out);
  return json_array_ref (pd_ctl_test_node_get_array (node));
}

static void
test_acquire_history (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(PdCtlRun) acquire = CTL (f, AS ("operator"), "acquire", "--seconds", "2");
  g_autoptr(JsonArray) setpoint = NULL;
  g_autoptr(JsonArray) current = NULL;
  g_autoptr(JsonArray) buckets = NULL;
  g_autoptr(JsonArray) no_history = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 count = 0;

  pd_ctl_test_assert_ok (acquire);
  pd_ctl_test_assert_contains (acquire->out, "PLC: ");
  pd_ctl_test_assert_contains (acquire->out, "cycles");

  /* Polled every 200 ms for 2 s, stored unchanged. */
  setpoint = history_json (f, "PLC/speed_setpoint", NULL);
  g_assert_cmpuint (json_array_get_length (setpoint), >=, 2);
  for (guint i = 0; i < json_array_get_length (setpoint); i++)
    {
      JsonObject *point = json_array_get_object_element (setpoint, i);
      g_autoptr(GDateTime) ts = g_date_time_new_from_iso8601 (json_object_get_string_member (point, "ts"), NULL);

      g_assert_nonnull (ts);
      g_assert_cmpint (g_date_time_to_unix (ts), >=, now - 60);
      g_assert_cmpint (g_date_time_to_unix (ts), <=, now + 1);
      g_assert_cmpfloat (json_object_get_double_member (point, "value"), ==, 500);
    }

  current = history_json (f, "PLC/motor_current", NULL);
  g_assert_cmpuint (json_array_get_length (current), >=, 2);
  g_assert_cmpfloat (json_object_get_double_member (json_array_get_object_element (current, 0), "value"), >, 0);

  buckets = history_json (f, "PLC/speed_setpoint", "10");
  g_assert_cmpuint (json_array_get_length (buckets), >, 0);
  for (guint i = 0; i < json_array_get_length (buckets); i++)
    {
      JsonObject *bucket = json_array_get_object_element (buckets, i);

      g_assert_true (json_object_has_member (bucket, "ts"));
      g_assert_true (json_object_has_member (bucket, "min"));
      g_assert_true (json_object_has_member (bucket, "max"));
      g_assert_true (json_object_has_member (bucket, "avg"));
      count += json_object_get_int_member (bucket, "count");
      if (json_object_get_int_member (bucket, "count") > 0)
        {
          g_assert_cmpfloat (json_object_get_double_member (bucket, "min"), ==, 500);
          g_assert_cmpfloat (json_object_get_double_member (bucket, "max"), ==, 500);
        }
    }
  g_assert_cmpint (count, ==, json_array_get_length (setpoint));

  /* A tag with history off keeps none. */
  no_history = history_json (f, "PLC/horn", NULL);
  g_assert_cmpuint (json_array_get_length (no_history), ==, 0);
}

static void
test_bad_arguments (Fixture       *f,
                    gconstpointer  data)
{
  static const char * const usage[][8] = {
    { "read", NULL },
    { "read", "PLC", "PLC", NULL },
    { "read", "PLC", "--seconds", "1", NULL },
    { "write", "PLC", "speed_setpoint", NULL },
    { "write", "PLC", "speed_setpoint", "fast", NULL },
    { "write", "PLC", "speed_setpoint", "12abc", NULL },
    { "write", "PLC", "speed_setpoint", "1", "2", NULL },
    { "diag", NULL },
    { "diag", "PLC", "--seconds", "0", NULL },
    { "diag", "PLC", "--seconds", "soon", NULL },
    { "diag", "PLC", "--seconds", NULL },
    { "acquire", "--seconds", "-1", NULL },
    { "acquire", "PLC", NULL },
    { "acquire", "--forever", NULL },
  };
  gint64 outbox_before = pd_ctl_test_count_rows (f->dir, "outbox");
  g_autoptr(PdCtlRun) after = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (usage); i++)
    {
      g_autoptr(PdCtlRun) run = pd_ctl_test_run_full (f->dir, AS ("operator"), usage[i], EXIT_SOME_BAD);
      g_autofree char *line = g_strjoinv (" ", (char **) usage[i]);

      g_test_message ("usage %u: %s", i, line);
      pd_ctl_test_assert_usage_error (run);
    }

  /* Nothing was written to the device or the station. */
  g_assert_cmpint (pd_ctl_test_count_rows (f->dir, "outbox"), ==, outbox_before);
  after = CTL (f, AS_ADMIN, "read", "PLC");
  pd_ctl_test_assert_ok (after);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/ctl/acquire/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("read", test_read);
  ADD ("read-exception", test_read_exception);
  ADD ("read-unreachable", test_read_unreachable);
  ADD ("write", test_write);
  ADD ("diag", test_diag);
  ADD ("acquire-history", test_acquire_history);
  ADD ("bad-arguments", test_bad_arguments);

#undef ADD

  status = g_test_run ();
  pd_ctl_test_clear_template ();
  return status;
}
