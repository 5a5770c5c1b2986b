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
#include "pd-test-utils.h"

#define AS(user) ((const char * const []) { \
    "PLANTDESK_USER=" user, "PLANTDESK_PASSWORD=" PD_TEST_PASSWORD, NULL })
#define AS_ADMIN AS ("admin")

/* Runs plantdesk-ctl --data-dir F->DIR ARGS… as the user in ENV. */
#define CTL(f, env, ...) run_ctl ((f)->dir, (env), (const char * const []) { __VA_ARGS__, NULL })

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

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

/* A populated data directory made once and copied for each test. */
static char *template_dir;

static void
run_free (Run *run)
{
  g_free (run->out);
  g_free (run->err);
  g_free (run);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Run, run_free)

static Run *
run_ctl (const char         *data_dir,
         const char * const *env,
         const char * const *args)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *ctl = g_getenv ("PLANTDESK_CTL");
  Run *run = g_new0 (Run, 1);

  g_assert_nonnull (ctl);

  g_ptr_array_add (argv, (char *) ctl);
  g_ptr_array_add (argv, (char *) "--data-dir");
  g_ptr_array_add (argv, (char *) data_dir);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  /* Nothing from the person running the tests leaks in; English messages
   * in UTF-8; stdin is /dev/null, so there is no terminal to ask on. */
  g_subprocess_launcher_unsetenv (launcher, "PLANTDESK_USER");
  g_subprocess_launcher_unsetenv (launcher, "PLANTDESK_PASSWORD");
  g_subprocess_launcher_unsetenv (launcher, "PLANTDESK_DATA_DIR");
  g_subprocess_launcher_unsetenv (launcher, "LANGUAGE");
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  g_subprocess_launcher_setenv (launcher, "TZ", "UTC", TRUE);

  for (guint i = 0; env[i] != NULL; i++)
    {
      g_auto(GStrv) pair = g_strsplit (env[i], "=", 2);

      g_subprocess_launcher_setenv (launcher, pair[0], pair[1], TRUE);
    }

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);

  g_subprocess_communicate_utf8 (process, NULL, NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);

  run->status = g_subprocess_get_if_exited (process) ? g_subprocess_get_exit_status (process) : -1;
  if (run->status < 0 || run->status > EXIT_SOME_BAD)
    g_error ("plantdesk-ctl crashed (status %d)\nstdout:\n%s\nstderr:\n%s",
             run->status, run->out, run->err);

  return run;
}

static void
assert_status (Run *run,
               int  status)
{
  if (run->status != status)
    g_test_message ("stdout:\n%s\nstderr:\n%s", run->out, run->err);

  g_assert_cmpint (run->status, ==, status);
}

static void
assert_ok (Run *run)
{
  assert_status (run, 0);
  g_assert_cmpstr (run->err, ==, "");
}

static void
assert_failed (Run *run)
{
  assert_status (run, 1);
  g_assert_cmpstr (run->out, ==, "");
  g_assert_true (g_str_has_prefix (run->err, "plantdesk-ctl: "));
}

static void
assert_usage_error (Run *run)
{
  assert_status (run, 2);
  g_assert_cmpstr (run->out, ==, "");
  g_assert_true (g_str_has_prefix (run->err, "plantdesk-ctl: "));
  g_assert_nonnull (strstr (run->err, "Usage:"));
}

static void
assert_contains (const char *haystack,
                 const char *needle)
{
  if (strstr (haystack, needle) == NULL)
    g_error ("“%s” does not contain “%s”", haystack, needle);
}

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);

  return json_node_copy (json_parser_get_root (parser));
}

static JsonArray *
node_get_array (JsonNode *node)
{
  g_assert_true (JSON_NODE_HOLDS_ARRAY (node));
  return json_node_get_array (node);
}

static JsonObject *
node_get_object (JsonNode *node)
{
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return json_node_get_object (node);
}

/* Rows of TABLE. Every signed-in command audits its login, so what a
 * command wrote is seen in the outbox, not in the audit log. */
static gint64
count_rows (Fixture    *f,
            const char *table)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdStore) store = pd_store_open (f->dir, &error);

  g_assert_no_error (error);
  return pd_test_count_rows (store, table);
}

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
  g_autoptr(Run) run = CTL (f, AS_ADMIN, "read", "PLC", "--json");
  g_autoptr(JsonNode) node = NULL;
  JsonArray *array;
  gint64 now = g_get_real_time ();

  assert_status (run, expected_status);
  g_assert_cmpstr (run->err, ==, "");
  node = parse_json (run->out);
  array = json_array_ref (node_get_array (node));
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
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *object = json_array_get_object_element (array, i);

      if (g_strcmp0 (json_object_get_string_member (object, "tag"), name) == 0)
        return object;
    }

  g_error ("no tag “%s” in the answer", name);
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

static void
copy_dir (const char *from,
          const char *to)
{
  g_autoptr(GDir) dir = g_dir_open (from, 0, NULL);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *src_path = g_build_filename (from, name, NULL);
      g_autofree char *dst_path = g_build_filename (to, name, NULL);
      g_autoptr(GFile) src = g_file_new_for_path (src_path);
      g_autoptr(GFile) dst = g_file_new_for_path (dst_path);
      g_autoptr(GError) error = NULL;

      g_file_copy (src, dst, G_FILE_COPY_NONE, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
    }
}

/* A fresh station, a simulated PLC on a free port, and the device with the
 * test's tags added to the station through plantdesk-ctl. */
static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *address = NULL;
  g_autofree char *csv = NULL;
  g_autoptr(Run) add = NULL;
  g_autoptr(Run) import = NULL;

  if (template_dir == NULL)
    {
      g_autoptr(PdStore) store = NULL;

      template_dir = pd_test_data_dir_new ();
      store = pd_test_store_new_populated (template_dir);
    }

  f->dir = pd_test_data_dir_new ();
  copy_dir (template_dir, f->dir);

  f->sim = pd_sim_start (NULL, &error);
  g_assert_no_error (error);
  f->port = pd_sim_get_port (f->sim, 0);

  address = g_strdup_printf ("127.0.0.1:%u", f->port);
  add = CTL (f, AS_ADMIN, "device", "add", "PLC", "--tcp", address, "--timeout-ms", "500",
             "--poll-ms", "200", "--state", "commissioned");
  assert_ok (add);

  csv = g_build_filename (f->dir, "plc.csv", NULL);
  g_file_set_contents (csv, tags_csv, -1, &error);
  g_assert_no_error (error);
  import = CTL (f, AS_ADMIN, "tag", "import", "PLC", csv);
  assert_ok (import);
  assert_contains (import->out, "18 added");
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
  g_autoptr(Run) table = CTL (f, AS ("operator"), "read", "PLC");
  g_autoptr(Run) leading = CTL (f, AS ("operator"), "--json", "read", "PLC");
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
  assert_ok (table);
  assert_contains (table->out, "QUALITY");
  assert_contains (table->out, "speed_setpoint");
  assert_contains (table->out, "500");
  assert_contains (table->out, "mm/s");
  g_assert_null (strstr (table->out, "bad"));
  assert_ok (leading);
  again = parse_json (leading->out);
  g_assert_cmpuint (json_array_get_length (node_get_array (again)), ==, N_TAGS);
}

static void
test_read_exception (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(JsonArray) values = NULL;
  g_autoptr(JsonArray) cleared = NULL;
  g_autoptr(Run) table = NULL;
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
  assert_status (table, EXIT_SOME_BAD);
  assert_contains (table->out, "bad");

  sim_command (f, "clear");
  cleared = read_json (f, 0);
  g_assert_cmpstr (quality_of (cleared, "energy_total"), ==, "good");
}

static void
test_read_unreachable (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *address = g_strdup_printf ("127.0.0.1:%u", f->port);
  g_autoptr(Run) refused = NULL;
  g_autoptr(Run) refused_json = NULL;
  g_autoptr(Run) frozen = NULL;
  g_autoptr(Run) missing = NULL;
  g_autoptr(Run) back = NULL;

  /* Connections refused. */
  sim_command (f, "refuse");
  refused = CTL (f, AS_ADMIN, "read", "PLC");
  assert_failed (refused);
  assert_contains (refused->err, address);
  assert_contains (refused->err, "refused");
  refused_json = CTL (f, AS_ADMIN, "--json", "read", "PLC");
  assert_failed (refused_json);

  /* Connected, but never answering: one timeout, not one per tag. */
  sim_command (f, "accept");
  sim_command (f, "freeze");
  frozen = CTL (f, AS_ADMIN, "read", "PLC");
  assert_failed (frozen);
  assert_contains (frozen->err, "PLC");
  assert_contains (frozen->err, "does not answer");

  missing = CTL (f, AS_ADMIN, "read", "PLC-9");
  assert_failed (missing);
  assert_contains (missing->err, "PLC-9");

  sim_command (f, "clear");
  back = CTL (f, AS_ADMIN, "read", "PLC");
  assert_ok (back);
}

/* The audit log as the administrator sees it with --json. */
static gboolean
audit_has (Fixture    *f,
           const char *user,
           const char *action,
           const char *result)
{
  g_autoptr(Run) run = CTL (f, AS_ADMIN, "--json", "audit", "list", "--limit", "0");
  g_autoptr(JsonNode) node = NULL;
  JsonArray *records;

  assert_ok (run);
  node = parse_json (run->out);
  records = node_get_array (node);
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
  g_autoptr(Run) run = run_ctl (f->dir, (const char * const []) {
                                  user, "PLANTDESK_PASSWORD=" PD_TEST_PASSWORD, NULL },
                                (const char * const []) { "write", "PLC", tag, value, NULL });

  assert_ok (run);
  assert_contains (run->out, "PLC/");
  assert_contains (run->out, tag);
}

static void
test_write (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(JsonArray) written = NULL;
  g_autoptr(JsonArray) after = NULL;
  g_autoptr(Run) denied = NULL;
  g_autoptr(Run) read_only = NULL;
  g_autoptr(Run) input = NULL;
  g_autoptr(Run) too_big = NULL;
  g_autoptr(Run) no_tag = NULL;
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

  outbox_before = count_rows (f, "outbox");

  /* A role without the permission: refused, audited, nothing written. */
  denied = CTL (f, AS ("warehouse"), "write", "PLC", "speed_setpoint", "100");
  assert_failed (denied);
  assert_contains (denied->err, "may not write values to devices");
  g_assert_true (audit_has (f, "warehouse", "tag.write", "denied"));

  /* Tags that cannot be written, a value that does not fit, no such tag. */
  read_only = CTL (f, AS ("operator"), "write", "PLC", "forced_faults", "1");
  assert_failed (read_only);
  assert_contains (read_only->err, "forced_faults");
  assert_contains (read_only->err, "not writable");
  input = CTL (f, AS ("operator"), "write", "PLC", "motor_current", "1");
  assert_failed (input);
  assert_contains (input->err, "not writable");
  too_big = CTL (f, AS ("operator"), "write", "PLC", "speed_setpoint", "70000");
  assert_failed (too_big);
  no_tag = CTL (f, AS ("operator"), "write", "PLC", "nothing", "1");
  assert_failed (no_tag);
  assert_contains (no_tag->err, "nothing");

  after = read_json (f, 0);
  g_assert_cmpfloat (number_of (after, "speed_setpoint"), ==, 750);
  g_assert_cmpfloat (number_of (after, "forced_faults"), ==, 0);
  g_assert_cmpint (count_rows (f, "outbox"), ==, outbox_before);
}

static void
test_diag (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(Run) json = CTL (f, AS ("operator"), "diag", "PLC", "--seconds", "1", "--json");
  g_autoptr(Run) text = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonObject *diag;
  const char *members[] = { "cycles", "late_cycles", "requests", "errors", "timeouts", "reconnects",
                            "latency_p50_us", "latency_p95_us", "latency_p99_us", "requests_per_cycle" };

  assert_ok (json);
  node = parse_json (json->out);
  diag = node_get_object (node);
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
  assert_ok (text);
  assert_contains (text->out, "Requests:");
  assert_contains (text->out, "Latency p50/95/99:");
  g_assert_null (strstr (text->out, "Errors:             0 "));
  g_assert_null (strstr (text->out, "Last error:         none"));
}

static JsonArray *
history_json (Fixture    *f,
              const char *tag,
              const char *buckets)
{
  g_autoptr(Run) run = NULL;
  g_autoptr(JsonNode) node = NULL;

  if (buckets != NULL)
    run = CTL (f, AS ("operator"), "--json", "history", tag, "--buckets", buckets);
  else
    run = CTL (f, AS ("operator"), "--json", "history", tag);
  assert_ok (run);
  node = parse_json (run->out);
  return json_array_ref (node_get_array (node));
}

static void
test_acquire_history (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(Run) acquire = CTL (f, AS ("operator"), "acquire", "--seconds", "2");
  g_autoptr(JsonArray) setpoint = NULL;
  g_autoptr(JsonArray) current = NULL;
  g_autoptr(JsonArray) buckets = NULL;
  g_autoptr(JsonArray) no_history = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 count = 0;

  assert_ok (acquire);
  assert_contains (acquire->out, "PLC: ");
  assert_contains (acquire->out, "cycles");

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
  gint64 outbox_before = count_rows (f, "outbox");
  g_autoptr(Run) after = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (usage); i++)
    {
      g_autoptr(Run) run = run_ctl (f->dir, AS ("operator"), usage[i]);
      g_autofree char *line = g_strjoinv (" ", (char **) usage[i]);

      g_test_message ("usage %u: %s", i, line);
      assert_usage_error (run);
    }

  /* Nothing was written to the device or the station. */
  g_assert_cmpint (count_rows (f, "outbox"), ==, outbox_before);
  after = CTL (f, AS_ADMIN, "read", "PLC");
  assert_ok (after);
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
  g_clear_pointer (&template_dir, pd_test_data_dir_free);
  return status;
}
