/* test-ctl-devices.c — plantdesk-ctl device and tag commands, run as
 * scripts and administrators run them
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-ctl-devices"

#include "config.h"

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "pd-ctl-test-utils.h"
#include "pd-test-utils.h"

#define AS(user) PD_CTL_TEST_AS (user)
#define AS_ADMIN AS ("admin")

/* Runs plantdesk-ctl --data-dir F->DIR ARGS… as the user in ENV. */
#define CTL(f, env, ...) pd_ctl_test_run ((f)->dir, (env), (const char * const []) { __VA_ARGS__, NULL })

typedef PdCtlFixture Fixture;

/* The output of a command run with --json, which must succeed. */
static JsonNode *
ctl_json (Fixture            *f,
          const char * const *args)
{
  return pd_ctl_test_run_json (f->dir, AS_ADMIN, args);
}

#define CTL_JSON(f, ...) ctl_json ((f), (const char * const []) { __VA_ARGS__, NULL })

static char *
write_file (Fixture    *f,
            const char *name,
            const char *contents)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (f->dir, name, NULL);

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return path;
}

static guint
count_tags (Fixture    *f,
            const char *device)
{
  g_autoptr(JsonNode) node = CTL_JSON (f, "tag", "list", device);

  return json_array_get_length (json_node_get_array (node));
}

/* --- Devices ------------------------------------------------------------------- */

static JsonObject *
find_by_name (JsonArray  *array,
              const char *name)
{
  return pd_ctl_test_find_object (array, "name", name);
}

static void
test_device_lifecycle (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(PdCtlRun) add_tcp = CTL (f, AS_ADMIN, "device", "add", "PLC-1", "--tcp", "127.0.0.1:1502",
                                "--unit", "3", "--timeout-ms", "500", "--poll-ms", "250",
                                "--max-gap", "4", "--max-block", "32", "--no-coalesce");
  g_autoptr(PdCtlRun) add_rtu = CTL (f, AS_ADMIN, "device", "add", "Scale", "--rtu", "/dev/ttyUSB0",
                                "--baud", "19200", "--parity", "E", "--data-bits", "7",
                                "--stop-bits", "2", "--disabled", "--state", "commissioned");
  g_autoptr(PdCtlRun) clash = CTL (f, AS_ADMIN, "device", "add", "plc-1", "--tcp", "10.0.0.1");
  g_autoptr(PdCtlRun) table = CTL (f, AS_ADMIN, "device", "list");
  g_autoptr(PdCtlRun) show = CTL (f, AS_ADMIN, "device", "show", "PLC-1");
  g_autoptr(PdCtlRun) to_commissioned = NULL;
  g_autoptr(PdCtlRun) to_planned = NULL;
  g_autoptr(PdCtlRun) removed = NULL;
  g_autoptr(PdCtlRun) missing = NULL;
  g_autoptr(JsonNode) list = NULL;
  g_autoptr(JsonNode) shown = NULL;
  g_autoptr(JsonNode) after = NULL;
  JsonObject *plc, *scale;

  pd_ctl_test_assert_ok (add_tcp);
  pd_ctl_test_assert_contains (add_tcp->out, "PLC-1");
  pd_ctl_test_assert_contains (add_tcp->out, "127.0.0.1:1502");
  pd_ctl_test_assert_ok (add_rtu);

  pd_ctl_test_assert_failed (clash);
  pd_ctl_test_assert_contains (clash->err, "already exists");

  pd_ctl_test_assert_ok (table);
  pd_ctl_test_assert_contains (table->out, "NAME");
  pd_ctl_test_assert_contains (table->out, "/dev/ttyUSB0 19200 7E2");
  pd_ctl_test_assert_ok (show);
  pd_ctl_test_assert_contains (show->out, "unit 3");

  list = CTL_JSON (f, "device", "list");
  g_assert_cmpuint (json_array_get_length (json_node_get_array (list)), ==, 2);
  plc = find_by_name (json_node_get_array (list), "PLC-1");
  g_assert_nonnull (plc);
  g_assert_cmpstr (json_object_get_string_member (plc, "transport"), ==, "tcp");
  g_assert_cmpstr (json_object_get_string_member (plc, "host"), ==, "127.0.0.1");
  g_assert_cmpint (json_object_get_int_member (plc, "port"), ==, 1502);
  g_assert_cmpint (json_object_get_int_member (plc, "unit_id"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (plc, "timeout_ms"), ==, 500);
  g_assert_cmpint (json_object_get_int_member (plc, "poll_ms"), ==, 250);
  g_assert_cmpint (json_object_get_int_member (plc, "max_gap"), ==, 4);
  g_assert_cmpint (json_object_get_int_member (plc, "max_block_registers"), ==, 32);
  g_assert_cmpint (json_object_get_int_member (plc, "max_block_bits"), ==, 512);
  g_assert_false (json_object_get_boolean_member (plc, "coalesce"));
  g_assert_true (json_object_get_boolean_member (plc, "enabled"));
  g_assert_cmpstr (json_object_get_string_member (plc, "state"), ==, "planned");

  scale = find_by_name (json_node_get_array (list), "Scale");
  g_assert_cmpstr (json_object_get_string_member (scale, "transport"), ==, "rtu");
  g_assert_cmpstr (json_object_get_string_member (scale, "parity"), ==, "E");
  g_assert_cmpint (json_object_get_int_member (scale, "data_bits"), ==, 7);
  g_assert_false (json_object_get_boolean_member (scale, "enabled"));
  g_assert_cmpstr (json_object_get_string_member (scale, "state"), ==, "commissioned");

  shown = CTL_JSON (f, "device", "show", "PLC-1");
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (shown), "tags"), ==, 0);
  g_assert_true (json_object_get_null_member (json_node_get_object (shown), "inspection_due"));

  to_commissioned = CTL (f, AS_ADMIN, "device", "set-state", "PLC-1", "commissioned");
  pd_ctl_test_assert_ok (to_commissioned);
  to_planned = CTL (f, AS_ADMIN, "device", "set-state", "PLC-1", "planned");
  pd_ctl_test_assert_failed (to_planned);
  pd_ctl_test_assert_contains (to_planned->err, "cannot go from");

  removed = CTL (f, AS_ADMIN, "device", "remove", "Scale");
  pd_ctl_test_assert_ok (removed);
  missing = CTL (f, AS_ADMIN, "device", "show", "Scale");
  pd_ctl_test_assert_failed (missing);
  pd_ctl_test_assert_contains (missing->err, "Scale");

  after = CTL_JSON (f, "device", "list");
  g_assert_cmpuint (json_array_get_length (json_node_get_array (after)), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (find_by_name (json_node_get_array (after), "PLC-1"),
                                                  "state"), ==, "commissioned");
}

static void
test_device_bad_arguments (Fixture       *f,
                           gconstpointer  data)
{
  static const char * const usage[][10] = {
    { "device", "add", "X", NULL },
    { "device", "add", "X", "--tcp", "h", "--rtu", "/dev/ttyS0", "--baud", "9600", NULL },
    { "device", "add", "X", "--tcp", "h:abc", NULL },
    { "device", "add", "X", "--tcp", "fd00::5:502", NULL },
    { "device", "add", "X", "--tcp", "h", "--baud", "9600", NULL },
    { "device", "add", "X", "--rtu", "/dev/ttyS0", NULL },
    { "device", "add", "X", "--rtu", "/dev/ttyS0", "--baud", "9600", "--parity", "X", NULL },
    { "device", "add", "X", "--tcp", "h", "--unit", "one", NULL },
    { "device", "add", "X", "--tcp", "h", "--state", "broken", NULL },
    { "device", "add", "--tcp", "h", NULL },
    { "device", "set-state", "X", "in service", NULL },
    { "device", "inspect", "X", "--item", "Guard", NULL },
    { "tag", "import", "X", NULL },
    { "tag", "frobnicate", NULL },
  };
  static const char * const failed[][10] = {
    { "device", "add", "X", "--tcp", "h:70000", NULL },
    { "device", "add", "X", "--tcp", "h", "--unit", "300", NULL },
    { "device", "add", "X", "--rtu", "/dev/ttyS0", "--baud", "12345", NULL },
    { "device", "add", "X/Y", "--tcp", "h", NULL },
    { "device", "add", "X", "--tcp", "h", "--max-block", "200", NULL },
    { "device", "show", "nothing", NULL },
    { "device", "remove", "nothing", NULL },
    { "tag", "export", "nothing", NULL },
  };
  gint64 outbox_before = pd_ctl_test_count_rows (f->dir, "outbox");

  for (guint i = 0; i < G_N_ELEMENTS (usage); i++)
    {
      g_autoptr(PdCtlRun) run = pd_ctl_test_run (f->dir, AS_ADMIN, usage[i]);

      g_test_message ("usage %u", i);
      pd_ctl_test_assert_usage_error (run);
    }

  for (guint i = 0; i < G_N_ELEMENTS (failed); i++)
    {
      g_autoptr(PdCtlRun) run = pd_ctl_test_run (f->dir, AS_ADMIN, failed[i]);

      g_test_message ("failed %u", i);
      pd_ctl_test_assert_failed (run);
    }

  /* None of it wrote anything. */
  g_assert_cmpint (pd_ctl_test_count_rows (f->dir, "outbox"), ==, outbox_before);
  g_assert_cmpint (pd_ctl_test_count_rows (f->dir, "devices"), ==, 0);
  {
    g_autoptr(JsonNode) list = CTL_JSON (f, "device", "list");

    g_assert_cmpuint (json_array_get_length (json_node_get_array (list)), ==, 0);
  }
}

static void
test_device_permission (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(PdCtlRun) denied = CTL (f, AS ("operator"), "device", "add", "PLC-1", "--tcp", "h");
  g_autoptr(PdCtlRun) added = CTL (f, AS_ADMIN, "device", "add", "PLC-1", "--tcp", "h");
  g_autoptr(PdCtlRun) state = CTL (f, AS ("supervisor"), "device", "set-state", "PLC-1", "commissioned");
  g_autoptr(PdCtlRun) remove = CTL (f, AS ("supervisor"), "device", "remove", "PLC-1");

  pd_ctl_test_assert_failed (denied);
  pd_ctl_test_assert_contains (denied->err, "may not configure devices");
  pd_ctl_test_assert_ok (added);
  pd_ctl_test_assert_ok (state);
  pd_ctl_test_assert_failed (remove);
}

/* --- Tags ---------------------------------------------------------------------- */

static const char good_csv[] =
  "name,area,address,type,byte_order,word_order,scale,offset,unit,deadband,writable,history,description\n"
  "speed,holding,0,float32,big,little,0.1,0,m/s,0.5,true,true,\"Belt speed, main\"\n"
  "\n"
  "run,coil,10,bool,,,,,,,true,false,\n"
  "count,input,20,uint32,,,1,0,pcs,0,false,true,\"Parts \"\"good\"\"\"\n"
  "temp,input,30,int16,little,,0.01,-40,°C,,false,true,\n";

static void
test_tag_import_export (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *path = write_file (f, "tags.csv", good_csv);
  g_autofree char *exported_path = NULL;
  g_autoptr(PdCtlRun) add = CTL (f, AS_ADMIN, "device", "add", "PLC-1", "--tcp", "h");
  g_autoptr(PdCtlRun) import = NULL;
  g_autoptr(PdCtlRun) export = NULL;
  g_autoptr(PdCtlRun) export_again = NULL;
  g_autoptr(PdCtlRun) table = NULL;
  g_autoptr(JsonNode) reimport = NULL;
  g_autoptr(JsonNode) tags = NULL;
  g_autoptr(JsonNode) shown = NULL;
  JsonObject *speed;
  JsonObject *counts;

  pd_ctl_test_assert_ok (add);
  import = CTL (f, AS_ADMIN, "tag", "import", "PLC-1", path);
  pd_ctl_test_assert_ok (import);
  pd_ctl_test_assert_contains (import->out, "4 added, 0 updated, 0 unchanged");

  tags = CTL_JSON (f, "tag", "list", "PLC-1");
  g_assert_cmpuint (json_array_get_length (json_node_get_array (tags)), ==, 4);
  speed = find_by_name (json_node_get_array (tags), "speed");
  g_assert_cmpstr (json_object_get_string_member (speed, "type"), ==, "float32");
  g_assert_cmpstr (json_object_get_string_member (speed, "word_order"), ==, "little");
  g_assert_cmpfloat (json_object_get_double_member (speed, "scale"), ==, 0.1);
  g_assert_cmpstr (json_object_get_string_member (speed, "description"), ==, "Belt speed, main");
  g_assert_true (json_object_get_boolean_member (speed, "writable"));
  g_assert_cmpstr (json_object_get_string_member (find_by_name (json_node_get_array (tags), "count"),
                                                  "description"), ==, "Parts \"good\"");

  shown = CTL_JSON (f, "device", "show", "PLC-1");
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (shown), "tags"), ==, 4);

  table = CTL (f, AS_ADMIN, "tag", "list", "PLC-1");
  pd_ctl_test_assert_ok (table);
  pd_ctl_test_assert_contains (table->out, "°C");

  /* The export reads back unchanged, and exports the same again. */
  export = CTL (f, AS_ADMIN, "tag", "export", "PLC-1");
  pd_ctl_test_assert_ok (export);
  g_assert_true (g_str_has_prefix (export->out, "name,area,address,type,"));
  exported_path = write_file (f, "exported.csv", export->out);

  reimport = CTL_JSON (f, "tag", "import", "PLC-1", exported_path);
  counts = json_node_get_object (reimport);
  g_assert_cmpint (json_object_get_int_member (counts, "added"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (counts, "updated"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (counts, "unchanged"), ==, 4);

  export_again = CTL (f, AS_ADMIN, "tag", "export", "PLC-1");
  pd_ctl_test_assert_ok (export_again);
  g_assert_cmpstr (export_again->out, ==, export->out);
}

static void
test_tag_import_bad (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *good = write_file (f, "good.csv", good_csv);
  g_autofree char *bad = write_file (f, "bad.csv",
                                     "name,area,address,type,scale\n"          /* 1 */
                                     "speed,holding,5,float32,2\n"             /* 2: fine, an update */
                                     "flag,holding,1,bool,1\n"                 /* 3 */
                                     "new,input,2,uint16,1\n"                  /* 4: fine */
                                     "wide,holding,65535,float64,1\n"          /* 5 */
                                     "zero,holding,7,int16,0\n");              /* 6 */
  g_autofree char *unknown = write_file (f, "unknown.csv", "name,area,address,type,colour\n");
  g_autofree char *missing_path = g_build_filename (f->dir, "no-such.csv", NULL);
  g_autoptr(PdCtlRun) add = CTL (f, AS_ADMIN, "device", "add", "PLC-1", "--tcp", "h");
  g_autoptr(PdCtlRun) import_good = NULL;
  g_autoptr(PdCtlRun) import_bad = NULL;
  g_autoptr(PdCtlRun) import_unknown = NULL;
  g_autoptr(PdCtlRun) import_missing = NULL;
  g_autoptr(PdCtlRun) import_denied = NULL;
  g_autoptr(PdCtlRun) export_before = NULL;
  g_autoptr(PdCtlRun) export_after = NULL;
  gint64 outbox_before;

  pd_ctl_test_assert_ok (add);
  import_good = CTL (f, AS_ADMIN, "tag", "import", "PLC-1", good);
  pd_ctl_test_assert_ok (import_good);
  export_before = CTL (f, AS_ADMIN, "tag", "export", "PLC-1");
  outbox_before = pd_ctl_test_count_rows (f->dir, "outbox");

  import_bad = CTL (f, AS_ADMIN, "tag", "import", "PLC-1", bad);
  pd_ctl_test_assert_failed (import_bad);
  pd_ctl_test_assert_contains (import_bad->err, "nothing was imported");
  pd_ctl_test_assert_contains (import_bad->err, "Line 3: ");
  pd_ctl_test_assert_contains (import_bad->err, "Line 5: ");
  pd_ctl_test_assert_contains (import_bad->err, "Line 6: ");
  g_assert_null (strstr (import_bad->err, "Line 2: "));
  g_assert_null (strstr (import_bad->err, "Line 4: "));

  import_unknown = CTL (f, AS_ADMIN, "tag", "import", "PLC-1", unknown);
  pd_ctl_test_assert_failed (import_unknown);
  pd_ctl_test_assert_contains (import_unknown->err, "“colour”");

  import_missing = CTL (f, AS_ADMIN, "tag", "import", "PLC-1", missing_path);
  pd_ctl_test_assert_failed (import_missing);

  import_denied = CTL (f, AS ("supervisor"), "tag", "import", "PLC-1", good);
  pd_ctl_test_assert_failed (import_denied);

  /* Nothing changed. */
  g_assert_cmpint (pd_ctl_test_count_rows (f->dir, "outbox"), ==, outbox_before);
  g_assert_cmpuint (count_tags (f, "PLC-1"), ==, 4);
  export_after = CTL (f, AS_ADMIN, "tag", "export", "PLC-1");
  g_assert_cmpstr (export_after->out, ==, export_before->out);
}

/* --- Inspections ------------------------------------------------------------------- */

static void
test_inspections (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(PdCtlRun) add = CTL (f, AS_ADMIN, "device", "add", "PLC-1", "--tcp", "h");
  g_autoptr(PdCtlRun) plan = CTL (f, AS ("supervisor"), "device", "plan", "PLC-1", "--every", "30",
                             "--item", "Guard closed", "--item", "Oil level");
  g_autoptr(PdCtlRun) incomplete = CTL (f, AS ("operator"), "device", "inspect", "PLC-1",
                                   "--item", "Guard closed=ok");
  g_autoptr(PdCtlRun) inspect = CTL (f, AS ("operator"), "device", "inspect", "PLC-1",
                                "--item", "Guard closed=ok", "--item", "Oil level=not-ok",
                                "--notes", "Topped up");
  g_autoptr(PdCtlRun) table = CTL (f, AS_ADMIN, "device", "inspections", "PLC-1");
  g_autoptr(PdCtlRun) remove = CTL (f, AS_ADMIN, "device", "remove", "PLC-1");
  g_autoptr(JsonNode) list = CTL_JSON (f, "device", "inspections", "PLC-1");
  g_autoptr(JsonNode) shown = CTL_JSON (f, "device", "show", "PLC-1");
  JsonObject *record;
  JsonObject *device;

  pd_ctl_test_assert_ok (add);
  pd_ctl_test_assert_ok (plan);
  pd_ctl_test_assert_failed (incomplete);
  pd_ctl_test_assert_contains (incomplete->err, "Oil level");
  pd_ctl_test_assert_ok (inspect);
  pd_ctl_test_assert_contains (inspect->out, "not OK");
  pd_ctl_test_assert_ok (table);
  pd_ctl_test_assert_contains (table->out, "not OK: Oil level");

  g_assert_cmpuint (json_array_get_length (json_node_get_array (list)), ==, 1);
  record = json_array_get_object_element (json_node_get_array (list), 0);
  g_assert_cmpstr (json_object_get_string_member (record, "user"), ==, "operator");
  g_assert_false (json_object_get_boolean_member (record, "ok"));
  g_assert_cmpstr (json_object_get_string_member (record, "notes"), ==, "Topped up");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (record, "items")), ==, 2);

  device = json_node_get_object (shown);
  g_assert_cmpint (json_object_get_int_member (device, "inspection_interval_days"), ==, 30);
  g_assert_nonnull (json_object_get_string_member (device, "inspection_due"));
  g_assert_false (json_object_get_boolean_member (device, "inspection_overdue"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (device, "checklist")), ==, 2);

  /* Records are kept: the device is retired, not removed. */
  pd_ctl_test_assert_failed (remove);
  pd_ctl_test_assert_contains (remove->err, "retire");
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

  ADD ("/ctl/devices/lifecycle", test_device_lifecycle);
  ADD ("/ctl/devices/bad-arguments", test_device_bad_arguments);
  ADD ("/ctl/devices/permission", test_device_permission);
  ADD ("/ctl/tags/import-export", test_tag_import_export);
  ADD ("/ctl/tags/import-bad", test_tag_import_bad);
  ADD ("/ctl/devices/inspections", test_inspections);

  status = g_test_run ();
  pd_ctl_test_clear_template ();

  return status;
}
