/* test-ctl-alarms.c — plantdesk-ctl alarm commands, and acquire raising
 * alarms from what plantdesk-sim serves, run as scripts and people run them
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-ctl-alarms"

#include "config.h"

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "pd-ctl-test-utils.h"
#include "pd-sim-test-utils.h"
#include "pd-test-utils.h"

#define AS(user) PD_CTL_TEST_AS (user)
#define AS_ADMIN AS ("admin")
#define AS_SUPERVISOR AS ("supervisor")
#define AS_OPERATOR AS ("operator")
#define AS_WAREHOUSE AS ("warehouse")

/* Runs plantdesk-ctl --data-dir F->DIR ARGS… as the user in ENV. */
#define CTL(f, env, ...) pd_ctl_test_run ((f)->dir, (env), (const char * const []) { __VA_ARGS__, NULL })

/* Against the register map in docs/plantdesk-sim.md: holding 0 (the speed
 * setpoint) is 500 until written, coil 5 (the horn) is off. */
static const char tags_csv[] =
  "name,area,address,type,unit,writable,history\n"
  "speed_setpoint,holding,0,uint16,mm/s,true,false\n"
  "horn,coil,5,bool,,true,false\n";

typedef struct
{
  char  *dir;
  PdSim *sim;
} Fixture;

static void
add_device (Fixture    *f,
            const char *name,
            guint       port)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *address = g_strdup_printf ("127.0.0.1:%u", port);
  g_autofree char *csv = g_build_filename (f->dir, "tags.csv", NULL);
  g_autoptr(PdCtlRun) add = NULL;
  g_autoptr(PdCtlRun) import = NULL;

  add = CTL (f, AS_ADMIN, "device", "add", name, "--tcp", address, "--timeout-ms", "300",
             "--poll-ms", "100", "--state", "in-service");
  pd_ctl_test_assert_ok (add);

  g_file_set_contents (csv, tags_csv, -1, &error);
  g_assert_no_error (error);
  import = CTL (f, AS_ADMIN, "tag", "import", name, csv);
  pd_ctl_test_assert_ok (import);
}

/* A station with two simulated PLCs, each with the test's two tags. */
static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = pd_ctl_test_data_dir_new_populated ();
  f->sim = pd_sim_start ((const char * const []) { "--devices", "2", NULL }, &error);
  g_assert_no_error (error);

  add_device (f, "PLC", pd_sim_get_port (f->sim, 0));
  add_device (f, "PLC2", pd_sim_get_port (f->sim, 1));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_assert_cmpint (pd_sim_stop (g_steal_pointer (&f->sim)), ==, 0);
  g_clear_pointer (&f->dir, pd_test_data_dir_free);
}

/* --- Helpers ------------------------------------------------------------------- */

/* `alarm list --json` as administrator. */
static JsonNode *
list_json (Fixture  *f,
           gboolean  active)
{
  g_autoptr(PdCtlRun) run = NULL;

  if (active)
    run = CTL (f, AS_ADMIN, "--json", "alarm", "list", "--active");
  else
    run = CTL (f, AS_ADMIN, "--json", "alarm", "list");
  pd_ctl_test_assert_ok (run);

  return pd_ctl_test_parse_json (run->out);
}

/* The alarm of SOURCE ("PLC / speed_setpoint") and CONDITION ("hi"), or NULL. */
static JsonObject *
find_alarm (JsonNode   *node,
            const char *source,
            const char *condition)
{
  JsonArray *array = pd_ctl_test_node_get_array (node);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *object = json_array_get_object_element (array, i);

      if (g_strcmp0 (json_object_get_string_member (object, "source"), source) == 0 &&
          g_strcmp0 (json_object_get_string_member (object, "condition"), condition) == 0)
        return object;
    }

  return NULL;
}

static gint64
alarm_id (Fixture    *f,
          const char *source,
          const char *condition)
{
  g_autoptr(JsonNode) node = list_json (f, FALSE);
  JsonObject *object = find_alarm (node, source, condition);

  if (object == NULL)
    g_error ("no %s alarm of “%s”", condition, source);
  return json_object_get_int_member (object, "id");
}

static char *
alarm_state (Fixture *f,
             gint64   id)
{
  g_autoptr(JsonNode) node = list_json (f, FALSE);
  JsonArray *array = pd_ctl_test_node_get_array (node);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *object = json_array_get_object_element (array, i);

      if (json_object_get_int_member (object, "id") == id)
        return g_strdup (json_object_get_string_member (object, "state"));
    }

  g_error ("no alarm %" G_GINT64_FORMAT, id);
  return NULL;
}

/* The number of events of KIND ("ack") of alarm ID in `alarm history`. */
static guint
count_events (Fixture    *f,
              gint64      id,
              const char *kind)
{
  g_autofree char *id_str = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  g_autoptr(PdCtlRun) run = CTL (f, AS_OPERATOR, "--json", "alarm", "history", "--alarm", id_str);
  g_autoptr(JsonNode) node = NULL;
  JsonArray *array;
  guint n = 0;

  pd_ctl_test_assert_ok (run);
  node = pd_ctl_test_parse_json (run->out);
  array = pd_ctl_test_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *object = json_array_get_object_element (array, i);

      g_assert_cmpint (json_object_get_int_member (object, "alarm_id"), ==, id);
      n += g_strcmp0 (json_object_get_string_member (object, "event"), kind) == 0;
    }

  return n;
}

static void
assert_state (Fixture    *f,
              gint64      id,
              const char *expected)
{
  g_autofree char *state = alarm_state (f, id);

  g_assert_cmpstr (state, ==, expected);
}

/* Runs acquire for a few seconds as operator; returns the alarm events
 * it says it wrote. */
static guint64
acquire (Fixture *f)
{
  g_autoptr(PdCtlRun) run = CTL (f, AS_OPERATOR, "acquire", "--seconds", "3");
  const char *line;
  guint64 n;

  pd_ctl_test_assert_ok (run);
  pd_ctl_test_assert_contains (run->out, "PLC: ");
  pd_ctl_test_assert_contains (run->out, "cycles");
  line = strstr (run->out, " alarm event");
  g_assert_nonnull (line);
  while (line > run->out && line[-1] != '\n')
    line--;
  n = g_ascii_strtoull (line, NULL, 10);

  return n;
}

/* --- define and remove ------------------------------------------------------- */

static void
test_define (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(PdCtlRun) limits = CTL (f, AS_SUPERVISOR, "alarm", "define", "PLC/speed_setpoint",
                                    "--hihi", "900", "--hi", "700", "--lo", "-5.5", "--deadband", "2.5",
                                    "--on-delay-ms", "1500", "--latching");
  g_autoptr(PdCtlRun) shared = NULL;
  g_autoptr(PdCtlRun) digital = NULL;
  g_autoptr(PdCtlRun) comm = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonObject *hi, *hihi, *lo, *horn, *link;
  gint64 defs_before;

  pd_ctl_test_assert_ok (limits);
  pd_ctl_test_assert_contains (limits->out, "PLC/speed_setpoint");

  node = list_json (f, FALSE);
  hi = find_alarm (node, "PLC / speed_setpoint", "hi");
  hihi = find_alarm (node, "PLC / speed_setpoint", "hihi");
  lo = find_alarm (node, "PLC / speed_setpoint", "lo");
  g_assert_nonnull (hi);
  g_assert_nonnull (hihi);
  g_assert_nonnull (lo);
  g_assert_null (find_alarm (node, "PLC / speed_setpoint", "lolo"));
  g_assert_cmpfloat (json_object_get_double_member (hi, "limit"), ==, 700);
  g_assert_cmpfloat (json_object_get_double_member (lo, "limit"), ==, -5.5);
  g_assert_cmpfloat (json_object_get_double_member (hihi, "deadband"), ==, 2.5);
  g_assert_cmpint (json_object_get_int_member (lo, "on_delay_ms"), ==, 1500);
  g_assert_cmpint (json_object_get_int_member (lo, "off_delay_ms"), ==, 0);
  g_assert_true (json_object_get_boolean_member (hi, "latching"));
  /* Defaults as the tag dialog proposes them. */
  g_assert_cmpstr (json_object_get_string_member (hihi, "priority"), ==, "urgent");
  g_assert_cmpstr (json_object_get_string_member (hi, "priority"), ==, "high");
  /* Never raised. */
  g_assert_cmpstr (json_object_get_string_member (hi, "state"), ==, "normal");
  g_assert_true (json_object_get_null_member (hi, "value"));
  g_assert_true (json_object_get_null_member (hi, "raised"));
  g_assert_true (json_object_get_null_member (hi, "acknowledged_by"));
  g_assert_true (json_object_get_null_member (hi, "shelved_until"));
  g_assert_nonnull (json_object_get_string_member (hi, "message"));
  g_clear_pointer (&node, json_node_unref);

  /* Only shared settings: they go to the existing limits. */
  shared = CTL (f, AS_ADMIN, "alarm", "define", "PLC/speed_setpoint", "--priority", "low",
                "--off-delay-ms", "250");
  pd_ctl_test_assert_ok (shared);
  node = list_json (f, FALSE);
  for (guint i = 0; i < 3; i++)
    {
      const char *conditions[] = { "hihi", "hi", "lo" };
      JsonObject *object = find_alarm (node, "PLC / speed_setpoint", conditions[i]);

      g_assert_cmpstr (json_object_get_string_member (object, "priority"), ==, "low");
      g_assert_cmpint (json_object_get_int_member (object, "off_delay_ms"), ==, 250);
      g_assert_cmpint (json_object_get_int_member (object, "on_delay_ms"), ==, 1500);
    }
  g_clear_pointer (&node, json_node_unref);

  digital = CTL (f, AS_SUPERVISOR, "alarm", "define", "PLC/horn", "--digital", "--when", "true",
                 "--message", "Horn sounding", "--priority", "medium");
  pd_ctl_test_assert_ok (digital);
  comm = CTL (f, AS_SUPERVISOR, "alarm", "define", "PLC2", "--comm", "--priority", "urgent",
              "--on-delay-ms", "200");
  pd_ctl_test_assert_ok (comm);

  node = list_json (f, FALSE);
  horn = find_alarm (node, "PLC / horn", "digital");
  g_assert_nonnull (horn);
  g_assert_cmpstr (json_object_get_string_member (horn, "message"), ==, "Horn sounding");
  g_assert_cmpstr (json_object_get_string_member (horn, "priority"), ==, "medium");
  g_assert_true (json_object_get_null_member (horn, "limit"));
  link = find_alarm (node, "PLC2", "comm");
  g_assert_nonnull (link);
  g_assert_cmpstr (json_object_get_string_member (link, "priority"), ==, "urgent");
  g_assert_cmpint (json_object_get_int_member (link, "on_delay_ms"), ==, 200);
  g_clear_pointer (&node, json_node_unref);

  /* Refusals: the reason named, nothing written. */
  defs_before = pd_ctl_test_count_rows (f->dir, "alarm_defs");
  {
    static const struct { const char *user; const char * const args[12]; const char *reason; } refused[] = {
      { "supervisor", { "alarm", "define", "PLC/speed_setpoint", "--hihi", "600", NULL }, "HH (600)" },
      { "supervisor", { "alarm", "define", "PLC/speed_setpoint", "--lo", "800", NULL }, "800" },
      { "supervisor", { "alarm", "define", "PLC/speed_setpoint", "--hi", "abc", NULL }, "abc" },
      { "supervisor", { "alarm", "define", "PLC/speed_setpoint", "--on-delay-ms", "-5", NULL }, "-5" },
      { "supervisor", { "alarm", "define", "PLC/speed_setpoint", "--hi", "100", "--off-delay-ms", "1.5", NULL }, "1.5" },
      { "supervisor", { "alarm", "define", "PLC/speed_setpoint", "--deadband", "-1", NULL }, "-1" },
      { "supervisor", { "alarm", "define", "PLC/speed_setpoint", "--hi", "100", "--priority", "huge", NULL }, "huge" },
      { "supervisor", { "alarm", "define", "PLC/nope", "--hi", "5", NULL }, "nope" },
      { "supervisor", { "alarm", "define", "Nowhere/speed_setpoint", "--hi", "5", NULL }, "Nowhere" },
      { "supervisor", { "alarm", "define", "Nowhere", "--comm", NULL }, "Nowhere" },
      { "supervisor", { "alarm", "define", "PLC/speed_setpoint", "--digital", "--message", "x", NULL }, NULL },
      { "supervisor", { "alarm", "define", "PLC/horn", "--hi", "1", NULL }, NULL },
      { "operator", { "alarm", "define", "PLC/speed_setpoint", "--hi", "100", NULL }, NULL },
      { "warehouse", { "alarm", "define", "PLC2", "--comm", "--priority", "low", NULL }, NULL },
      { "operator", { "alarm", "remove", "1", NULL }, NULL },
      { "supervisor", { "alarm", "remove", "9999", NULL }, NULL },
    };

    for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
      {
        g_autofree char *user_env = g_strdup_printf ("PLANTDESK_USER=%s", refused[i].user);
        const char *env[] = { user_env, "PLANTDESK_PASSWORD=" PD_TEST_PASSWORD, NULL };
        g_autoptr(PdCtlRun) run = pd_ctl_test_run (f->dir, env, refused[i].args);

        pd_ctl_test_assert_failed (run);
        if (refused[i].reason != NULL)
          pd_ctl_test_assert_contains (run->err, refused[i].reason);
      }
  }
  g_assert_cmpint (pd_ctl_test_count_rows (f->dir, "alarm_defs"), ==, defs_before);
  node = list_json (f, FALSE);
  hi = find_alarm (node, "PLC / speed_setpoint", "hi");
  g_assert_cmpfloat (json_object_get_double_member (hi, "limit"), ==, 700);
  g_assert_cmpstr (json_object_get_string_member (hi, "priority"), ==, "low");
  g_clear_pointer (&node, json_node_unref);

  /* Usage errors. */
  {
    static const char * const usage[][10] = {
      { "alarm", "define", "PLC/speed_setpoint", NULL },
      { "alarm", "define", "PLC/horn", "--digital", NULL },
      { "alarm", "define", "PLC/horn", "--digital", "--comm", "--message", "x", NULL },
      { "alarm", "define", "PLC2", "--comm", "--hi", "3", NULL },
      { "alarm", "define", "PLC", "--hi", "3", NULL },
      { "alarm", "define", "PLC/speed_setpoint", "--when", "true", "--hi", "3", NULL },
      { "alarm", "define", "PLC/speed_setpoint", "--latching", "--no-latching", NULL },
      { "alarm", "define", "PLC2", "--comm", "--no-latching", NULL },
      { "alarm", "define", NULL },
      { "alarm", "remove", "abc", NULL },
      { "alarm", "remove", NULL },
      { "alarm", "frobnicate", NULL },
    };

    for (guint i = 0; i < G_N_ELEMENTS (usage); i++)
      {
        g_autoptr(PdCtlRun) run = pd_ctl_test_run (f->dir, AS_SUPERVISOR, usage[i]);

        pd_ctl_test_assert_usage_error (run);
      }
  }
  g_assert_cmpint (pd_ctl_test_count_rows (f->dir, "alarm_defs"), ==, defs_before);

  /* --no-latching switches latching off again, on the limits there are
   * or on the ones given, and leaves the rest as it was. */
  {
    g_autoptr(PdCtlRun) off = CTL (f, AS_SUPERVISOR, "alarm", "define", "PLC/speed_setpoint", "--no-latching");
    g_autoptr(PdCtlRun) on = NULL;

    pd_ctl_test_assert_ok (off);
    node = list_json (f, FALSE);
    for (guint i = 0; i < 3; i++)
      {
        const char *conditions[] = { "hihi", "hi", "lo" };
        JsonObject *object = find_alarm (node, "PLC / speed_setpoint", conditions[i]);

        g_assert_false (json_object_get_boolean_member (object, "latching"));
        g_assert_cmpstr (json_object_get_string_member (object, "priority"), ==, "low");
        g_assert_cmpint (json_object_get_int_member (object, "on_delay_ms"), ==, 1500);
      }
    g_clear_pointer (&node, json_node_unref);

    on = CTL (f, AS_SUPERVISOR, "alarm", "define", "PLC/speed_setpoint", "--hi", "710", "--latching");
    pd_ctl_test_assert_ok (on);
    g_clear_pointer (&on, pd_ctl_run_free);
    node = list_json (f, FALSE);
    g_assert_true (json_object_get_boolean_member (find_alarm (node, "PLC / speed_setpoint", "hi"), "latching"));
    g_assert_false (json_object_get_boolean_member (find_alarm (node, "PLC / speed_setpoint", "hihi"), "latching"));
    g_clear_pointer (&node, json_node_unref);

    on = CTL (f, AS_SUPERVISOR, "alarm", "define", "PLC/speed_setpoint", "--hi", "700", "--no-latching");
    pd_ctl_test_assert_ok (on);
    node = list_json (f, FALSE);
    hi = find_alarm (node, "PLC / speed_setpoint", "hi");
    g_assert_false (json_object_get_boolean_member (hi, "latching"));
    g_assert_cmpfloat (json_object_get_double_member (hi, "limit"), ==, 700);
    g_clear_pointer (&node, json_node_unref);
  }

  /* Remove: gone from the list. */
  {
    gint64 id = alarm_id (f, "PLC / speed_setpoint", "lo");
    g_autofree char *id_str = g_strdup_printf ("%" G_GINT64_FORMAT, id);
    g_autoptr(PdCtlRun) removed = CTL (f, AS_SUPERVISOR, "alarm", "remove", id_str);
    g_autoptr(PdCtlRun) again = CTL (f, AS_SUPERVISOR, "alarm", "remove", id_str);

    pd_ctl_test_assert_ok (removed);
    pd_ctl_test_assert_failed (again);
    node = list_json (f, FALSE);
    g_assert_null (find_alarm (node, "PLC / speed_setpoint", "lo"));
    g_assert_nonnull (find_alarm (node, "PLC / speed_setpoint", "hi"));
    g_clear_pointer (&node, json_node_unref);
  }
}

static void
test_help (Fixture       *f,
           gconstpointer  data)
{
  static const struct { const char *command; const char * const options[8]; } commands[] = {
    { "define", { "--hihi", "--hi", "--lo", "--lolo", "--deadband", "--on-delay-ms", "--digital", "--comm" } },
    { "list", { "--active", NULL } },
    { "ack", { "--comment", NULL } },
    { "shelve", { "--minutes", "--comment", NULL } },
    { "unshelve", { NULL } },
    { "suppress", { "--reason", NULL } },
    { "unsuppress", { NULL } },
    { "history", { "--since", "--until", "--alarm", "--limit", "--csv", NULL } },
    { "remove", { NULL } },
  };
  g_autoptr(PdCtlRun) group = CTL (f, NULL, "help", "alarm");

  pd_ctl_test_assert_ok (group);
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autoptr(PdCtlRun) run = CTL (f, NULL, "alarm", commands[i].command, "--help");

      pd_ctl_test_assert_contains (group->out, commands[i].command);
      pd_ctl_test_assert_ok (run);
      for (guint j = 0; j < G_N_ELEMENTS (commands[i].options) && commands[i].options[j] != NULL; j++)
        pd_ctl_test_assert_contains (run->out, commands[i].options[j]);
    }
}

/* --- acquire, then what people do ------------------------------------------- */

static void
test_acquire_and_actions (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdCtlRun) define = CTL (f, AS_SUPERVISOR, "alarm", "define", "PLC/speed_setpoint",
                                    "--hihi", "1000", "--hi", "400");
  g_autoptr(PdCtlRun) table = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GDateTime) raised = NULL;
  g_autofree char *hi_str = NULL;
  JsonObject *hi, *hihi, *link, *plc_link;
  gint64 hi_id, link_id;
  gint64 before = g_get_real_time ();
  guint64 written;

  pd_ctl_test_assert_ok (define);

  /* PLC2 stops answering: its communication alarm is raised. */
  pd_sim_commandf (f->sim, &error, "%u freeze", pd_sim_get_port (f->sim, 1));
  g_assert_no_error (error);

  written = acquire (f);
  g_assert_cmpuint (written, >=, 2);

  node = list_json (f, FALSE);
  hi = find_alarm (node, "PLC / speed_setpoint", "hi");
  hihi = find_alarm (node, "PLC / speed_setpoint", "hihi");
  link = find_alarm (node, "PLC2", "comm");
  plc_link = find_alarm (node, "PLC", "comm");
  g_assert_nonnull (hi);
  g_assert_nonnull (link);
  g_assert_nonnull (plc_link);
  g_assert_cmpstr (json_object_get_string_member (hi, "state"), ==, "unacknowledged");
  g_assert_cmpfloat (json_object_get_double_member (hi, "value"), ==, 500);
  g_assert_true (json_object_get_boolean_member (hi, "active"));
  raised = g_date_time_new_from_iso8601 (json_object_get_string_member (hi, "raised"), NULL);
  g_assert_nonnull (raised);
  g_assert_cmpint (g_date_time_to_unix (raised), >=, before / G_USEC_PER_SEC - 1);
  g_assert_cmpint (g_date_time_to_unix (raised), <=, g_get_real_time () / G_USEC_PER_SEC + 1);
  g_assert_cmpstr (json_object_get_string_member (hihi, "state"), ==, "normal");
  g_assert_cmpstr (json_object_get_string_member (link, "state"), ==, "unacknowledged");
  g_assert_cmpstr (json_object_get_string_member (plc_link, "state"), ==, "normal");
  hi_id = json_object_get_int_member (hi, "id");
  link_id = json_object_get_int_member (link, "id");
  g_clear_pointer (&node, json_node_unref);
  hi_str = g_strdup_printf ("%" G_GINT64_FORMAT, hi_id);

  /* --active: only those not normal; the table shows them. */
  node = list_json (f, TRUE);
  g_assert_cmpuint (json_array_get_length (pd_ctl_test_node_get_array (node)), ==, 2);
  g_assert_null (find_alarm (node, "PLC / speed_setpoint", "hihi"));
  g_clear_pointer (&node, json_node_unref);
  table = CTL (f, AS_OPERATOR, "alarm", "list", "--active");
  pd_ctl_test_assert_ok (table);
  pd_ctl_test_assert_contains (table->out, "PLC / speed_setpoint");
  pd_ctl_test_assert_contains (table->out, "500 mm/s");
  pd_ctl_test_assert_contains (table->out, "PLC2");

  /* Acknowledged twice, by two users: one ACK event. */
  {
    g_autoptr(PdCtlRun) first = CTL (f, AS_OPERATOR, "alarm", "ack", hi_str, "--comment", "seen it");
    g_autoptr(PdCtlRun) second = CTL (f, AS_SUPERVISOR, "alarm", "ack", hi_str);
    g_autoptr(PdCtlRun) unknown = CTL (f, AS_OPERATOR, "alarm", "ack", "9999");
    g_autoptr(PdCtlRun) bad = CTL (f, AS_OPERATOR, "alarm", "ack", "x1");
    JsonObject *object;

    pd_ctl_test_assert_ok (first);
    pd_ctl_test_assert_ok (second);
    pd_ctl_test_assert_contains (second->out, "already acknowledged by operator");
    pd_ctl_test_assert_failed (unknown);
    pd_ctl_test_assert_usage_error (bad);
    g_assert_cmpuint (count_events (f, hi_id, "ack"), ==, 1);
    g_assert_cmpuint (count_events (f, hi_id, "raise"), ==, 1);

    node = list_json (f, FALSE);
    object = find_alarm (node, "PLC / speed_setpoint", "hi");
    g_assert_cmpstr (json_object_get_string_member (object, "state"), ==, "acknowledged");
    g_assert_cmpstr (json_object_get_string_member (object, "acknowledged_by"), ==, "operator");
    g_clear_pointer (&node, json_node_unref);
  }

  /* Shelve, then unshelve. */
  {
    g_autoptr(PdCtlRun) warehouse = CTL (f, AS_WAREHOUSE, "alarm", "shelve", hi_str, "--minutes", "30");
    g_autoptr(PdCtlRun) too_long = CTL (f, AS_OPERATOR, "alarm", "shelve", hi_str, "--minutes", "100000");
    g_autoptr(PdCtlRun) not_number = CTL (f, AS_OPERATOR, "alarm", "shelve", hi_str, "--minutes", "soon");
    g_autoptr(PdCtlRun) missing = CTL (f, AS_OPERATOR, "alarm", "shelve", hi_str);
    g_autoptr(PdCtlRun) shelve = NULL;
    g_autoptr(PdCtlRun) unshelve = NULL;
    g_autoptr(GDateTime) until = NULL;
    JsonObject *object;
    gint64 now;

    pd_ctl_test_assert_failed (warehouse);
    pd_ctl_test_assert_failed (too_long);
    pd_ctl_test_assert_usage_error (not_number);
    pd_ctl_test_assert_usage_error (missing);
    assert_state (f, hi_id, "acknowledged");
    g_assert_cmpuint (count_events (f, hi_id, "shelve"), ==, 0);

    now = g_get_real_time ();
    shelve = CTL (f, AS_OPERATOR, "alarm", "shelve", hi_str, "--minutes", "30", "--comment", "maintenance");
    pd_ctl_test_assert_ok (shelve);
    node = list_json (f, FALSE);
    object = find_alarm (node, "PLC / speed_setpoint", "hi");
    g_assert_cmpstr (json_object_get_string_member (object, "state"), ==, "shelved");
    until = g_date_time_new_from_iso8601 (json_object_get_string_member (object, "shelved_until"), NULL);
    g_assert_nonnull (until);
    g_assert_cmpint (g_date_time_to_unix (until), >=, now / G_USEC_PER_SEC + 30 * 60 - 2);
    g_assert_cmpint (g_date_time_to_unix (until), <=, g_get_real_time () / G_USEC_PER_SEC + 30 * 60 + 2);
    g_clear_pointer (&node, json_node_unref);

    unshelve = CTL (f, AS_OPERATOR, "alarm", "unshelve", hi_str);
    pd_ctl_test_assert_ok (unshelve);
    assert_state (f, hi_id, "acknowledged");
    g_assert_cmpuint (count_events (f, hi_id, "shelve"), ==, 1);
    g_assert_cmpuint (count_events (f, hi_id, "unshelve"), ==, 1);
  }

  /* Suppress needs a supervisor and a reason. */
  {
    g_autofree char *link_str = g_strdup_printf ("%" G_GINT64_FORMAT, link_id);
    g_autoptr(PdCtlRun) operator = CTL (f, AS_OPERATOR, "alarm", "suppress", link_str, "--reason", "line down");
    g_autoptr(PdCtlRun) empty = CTL (f, AS_SUPERVISOR, "alarm", "suppress", link_str, "--reason", "");
    g_autoptr(PdCtlRun) missing = CTL (f, AS_SUPERVISOR, "alarm", "suppress", link_str);
    g_autoptr(PdCtlRun) suppress = NULL;
    g_autoptr(PdCtlRun) unsuppress = NULL;
    g_autoptr(PdCtlRun) operator_unsuppress = NULL;
    JsonObject *object;

    pd_ctl_test_assert_failed (operator);
    pd_ctl_test_assert_failed (empty);
    pd_ctl_test_assert_usage_error (missing);
    assert_state (f, link_id, "unacknowledged");

    suppress = CTL (f, AS_SUPERVISOR, "alarm", "suppress", link_str, "--reason", "PLC2 being replaced");
    pd_ctl_test_assert_ok (suppress);
    node = list_json (f, FALSE);
    object = find_alarm (node, "PLC2", "comm");
    g_assert_cmpstr (json_object_get_string_member (object, "state"), ==, "suppressed");
    g_clear_pointer (&node, json_node_unref);

    operator_unsuppress = CTL (f, AS_OPERATOR, "alarm", "unsuppress", link_str);
    pd_ctl_test_assert_failed (operator_unsuppress);
    assert_state (f, link_id, "suppressed");

    unsuppress = CTL (f, AS_SUPERVISOR, "alarm", "unsuppress", link_str);
    pd_ctl_test_assert_ok (unsuppress);
    assert_state (f, link_id, "unacknowledged");
    g_assert_cmpuint (count_events (f, link_id, "suppress"), ==, 1);
    g_assert_cmpuint (count_events (f, link_id, "unsuppress"), ==, 1);
  }

  /* History: --since filters, --csv writes the stable header, bad dates
   * are usage errors naming the option. */
  {
    g_autoptr(GDateTime) start = g_date_time_new_from_unix_utc (before / G_USEC_PER_SEC - 1);
    g_autoptr(GDateTime) later = g_date_time_new_from_unix_utc (g_get_real_time () / G_USEC_PER_SEC + 3600);
    g_autofree char *start_str = g_date_time_format_iso8601 (start);
    g_autofree char *later_str = g_date_time_format_iso8601 (later);
    g_autoptr(PdCtlRun) all = CTL (f, AS_OPERATOR, "--json", "alarm", "history", "--since", start_str);
    g_autoptr(PdCtlRun) none = CTL (f, AS_OPERATOR, "--json", "alarm", "history", "--since", later_str);
    g_autoptr(PdCtlRun) limited = CTL (f, AS_OPERATOR, "--json", "alarm", "history", "--limit", "1");
    g_autoptr(PdCtlRun) csv = CTL (f, AS_OPERATOR, "alarm", "history", "--since", start_str, "--csv");
    g_autoptr(PdCtlRun) text = CTL (f, AS_OPERATOR, "alarm", "history", "--alarm", hi_str);
    g_autoptr(PdCtlRun) bad_since = CTL (f, AS_OPERATOR, "alarm", "history", "--since", "yesterday-ish");
    g_autoptr(PdCtlRun) bad_until = CTL (f, AS_OPERATOR, "alarm", "history", "--until", "2026-13-45");
    g_autoptr(PdCtlRun) both = CTL (f, AS_OPERATOR, "--json", "alarm", "history", "--csv");
    g_autoptr(JsonNode) all_node = NULL;
    g_autoptr(JsonNode) none_node = NULL;
    g_autoptr(JsonNode) limited_node = NULL;
    JsonArray *array;
    gboolean saw_raise = FALSE;
    guint n_lines = 0;

    pd_ctl_test_assert_ok (all);
    all_node = pd_ctl_test_parse_json (all->out);
    array = pd_ctl_test_node_get_array (all_node);
    /* raise ×2 (at least), ack, shelve, unshelve, suppress, unsuppress */
    g_assert_cmpuint (json_array_get_length (array), >=, 7);
    for (guint i = 0; i < json_array_get_length (array); i++)
      {
        JsonObject *object = json_array_get_object_element (array, i);
        g_autoptr(GDateTime) ts = g_date_time_new_from_iso8601 (json_object_get_string_member (object, "ts"), NULL);

        g_assert_nonnull (ts);
        g_assert_cmpint (g_date_time_compare (ts, start), >=, 0);
        if (json_object_get_int_member (object, "alarm_id") == hi_id &&
            g_strcmp0 (json_object_get_string_member (object, "event"), "raise") == 0)
          {
            saw_raise = TRUE;
            g_assert_cmpfloat (json_object_get_double_member (object, "value"), ==, 500);
            g_assert_cmpstr (json_object_get_string_member (object, "condition"), ==, "hi");
            g_assert_cmpstr (json_object_get_string_member (object, "source"), ==, "PLC / speed_setpoint");
          }
        if (g_strcmp0 (json_object_get_string_member (object, "event"), "ack") == 0)
          {
            g_assert_cmpstr (json_object_get_string_member (object, "user"), ==, "operator");
            g_assert_cmpstr (json_object_get_string_member (object, "comment"), ==, "seen it");
          }
      }
    g_assert_true (saw_raise);

    pd_ctl_test_assert_ok (none);
    none_node = pd_ctl_test_parse_json (none->out);
    g_assert_cmpuint (json_array_get_length (pd_ctl_test_node_get_array (none_node)), ==, 0);

    pd_ctl_test_assert_ok (limited);
    limited_node = pd_ctl_test_parse_json (limited->out);
    g_assert_cmpuint (json_array_get_length (pd_ctl_test_node_get_array (limited_node)), ==, 1);

    pd_ctl_test_assert_ok (csv);
    g_assert_true (g_str_has_prefix (csv->out, "time,source,condition,priority,event,value,user,comment,message\r\n"));
    pd_ctl_test_assert_contains (csv->out, "PLC / speed_setpoint");
    for (const char *p = csv->out; (p = strstr (p, "\r\n")) != NULL; p += 2)
      n_lines++;
    g_assert_cmpuint (n_lines, ==, json_array_get_length (array) + 1);

    pd_ctl_test_assert_ok (text);
    pd_ctl_test_assert_contains (text->out, "seen it");
    pd_ctl_test_assert_contains (text->out, "operator");

    pd_ctl_test_assert_usage_error (bad_since);
    pd_ctl_test_assert_contains (bad_since->err, "--since");
    pd_ctl_test_assert_contains (bad_since->err, "yesterday-ish");
    pd_ctl_test_assert_usage_error (bad_until);
    pd_ctl_test_assert_contains (bad_until->err, "2026-13-45");
    pd_ctl_test_assert_usage_error (both);
  }

  /* A second run raises nothing again: both alarms are still active. */
  g_assert_cmpuint (acquire (f), ==, 0);
  g_assert_cmpuint (count_events (f, hi_id, "raise"), ==, 1);
}

/* --- Stock alarms in the reader's language ------------------------------------ */

#define ENV_AS(user, ...) ((const char * const []) { \
    "PLANTDESK_USER=" user, "PLANTDESK_PASSWORD=" PD_TEST_PASSWORD, __VA_ARGS__, NULL })

/* The message of the one alarm of SOURCE in `alarm list --json` (and of its
 * newest event in `alarm history --json`), as read by a process running
 * with LANGUAGE (NULL: none). */
static void
read_stock_message (PdCtlFixture  *f,
                    const char    *language,
                    const char    *source,
                    char         **list_message,
                    char         **history_message)
{
  g_autofree char *language_env = g_strdup_printf ("LANGUAGE=%s", language != NULL ? language : "");
  g_autoptr(PdCtlRun) list = CTL (f, ENV_AS ("admin", language_env), "--json", "alarm", "list");
  g_autoptr(PdCtlRun) history = CTL (f, ENV_AS ("admin", language_env), "--json", "alarm", "history");
  g_autoptr(JsonNode) list_node = NULL;
  g_autoptr(JsonNode) history_node = NULL;
  JsonArray *array;

  pd_ctl_test_assert_ok (list);
  pd_ctl_test_assert_ok (history);
  list_node = pd_ctl_test_parse_json (list->out);
  history_node = pd_ctl_test_parse_json (history->out);

  *list_message = NULL;
  array = pd_ctl_test_node_get_array (list_node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *object = json_array_get_object_element (array, i);

      if (g_strcmp0 (json_object_get_string_member (object, "source"), source) == 0)
        {
          g_assert_null (*list_message);
          *list_message = g_strdup (json_object_get_string_member (object, "message"));
        }
    }
  g_assert_nonnull (*list_message);

  *history_message = NULL;
  array = pd_ctl_test_node_get_array (history_node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *object = json_array_get_object_element (array, i);

      if (g_strcmp0 (json_object_get_string_member (object, "source"), source) == 0)
        {
          g_free (*history_message);
          *history_message = g_strdup (json_object_get_string_member (object, "message"));
        }
    }
  g_assert_nonnull (*history_message);
}

static void
test_stock_alarm_language (PdCtlFixture  *f,
                           gconstpointer  data)
{
  const char *build_dir = g_getenv ("PLANTDESK_BUILD_DIR");
  g_autofree char *mo_path = NULL;
  g_autofree char *english = NULL;
  g_autofree char *english_history = NULL;
  g_autofree char *chinese = NULL;
  g_autofree char *chinese_history = NULL;
  g_autoptr(PdCtlRun) run = NULL;

  if (build_dir == NULL)
    {
      g_test_skip ("PLANTDESK_BUILD_DIR is not set");
      return;
    }
  mo_path = g_build_filename (build_dir, "po", "zh_CN", "LC_MESSAGES", "plantdesk.mo", NULL);
  if (!g_file_test (mo_path, G_FILE_TEST_IS_REGULAR))
    {
      g_test_skip ("the zh_CN catalogue is not built");
      return;
    }

  /* Raised by a process in English (no LANGUAGE, LC_ALL=C.UTF-8). */
  run = CTL (f, AS ("admin"), "location", "add", "WH1");
  pd_ctl_test_assert_ok (run);
  g_clear_pointer (&run, pd_ctl_run_free);
  run = CTL (f, AS ("admin"), "location", "add", "A-01", "--parent", "WH1");
  pd_ctl_test_assert_ok (run);
  g_clear_pointer (&run, pd_ctl_run_free);
  run = CTL (f, AS ("admin"), "item", "add", "OIL", "--name", "Oil", "--unit", "L", "--min", "20.5");
  pd_ctl_test_assert_ok (run);
  g_clear_pointer (&run, pd_ctl_run_free);
  run = CTL (f, AS_WAREHOUSE, "stock", "receive", "OIL", "5", "--to", "A-01");
  pd_ctl_test_assert_ok (run);
  g_clear_pointer (&run, pd_ctl_run_free);

  read_stock_message (f, NULL, "OIL @ WH1", &english, &english_history);
  g_assert_cmpstr (english, ==, "Below the minimum of 20.5 L");
  g_assert_cmpstr (english_history, ==, "Below the minimum of 20.5 L");

  /* Read in Chinese: made from the key and its arguments in the reader's
   * language, although the alarm stored English text. */
  read_stock_message (f, "zh_CN", "OIL @ WH1", &chinese, &chinese_history);
  g_assert_true (g_utf8_validate (chinese, -1, NULL));
  g_assert_cmpstr (chinese, !=, english);
  g_assert_null (strstr (chinese, "Below"));
  g_assert_nonnull (strstr (chinese, "20.5 L"));
  g_assert_cmpstr (chinese_history, ==, chinese);
  g_clear_pointer (&chinese, g_free);
  g_clear_pointer (&chinese_history, g_free);
  g_clear_pointer (&english, g_free);
  g_clear_pointer (&english_history, g_free);

  /* And the other way round: a move in Chinese that raises the high
   * alarm, read in English. */
  run = CTL (f, AS ("admin"), "item", "add", "GREASE", "--name", "Grease", "--unit", "kg", "--max", "1");
  pd_ctl_test_assert_ok (run);
  g_clear_pointer (&run, pd_ctl_run_free);
  run = CTL (f, ENV_AS ("warehouse", "LANGUAGE=zh_CN"), "stock", "receive", "GREASE", "2.25", "--to", "A-01");
  pd_ctl_test_assert_ok (run);
  g_clear_pointer (&run, pd_ctl_run_free);

  read_stock_message (f, NULL, "GREASE @ WH1", &english, &english_history);
  g_assert_cmpstr (english, ==, "Above the maximum of 1 kg");
  g_assert_cmpstr (english_history, ==, english);
  read_stock_message (f, "zh_CN", "GREASE @ WH1", &chinese, &chinese_history);
  g_assert_null (strstr (chinese, "Above"));
  g_assert_nonnull (strstr (chinese, "1 kg"));
  g_assert_cmpstr (chinese_history, ==, chinese);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  pd_core_init ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/ctl/alarms/define", test_define);
  ADD ("/ctl/alarms/help", test_help);
  ADD ("/ctl/alarms/acquire-and-actions", test_acquire_and_actions);
  g_test_add ("/ctl/alarms/stock-alarm-language", PdCtlFixture, NULL,
              pd_ctl_test_fixture_set_up_populated, test_stock_alarm_language,
              pd_ctl_test_fixture_tear_down);

  status = g_test_run ();
  pd_ctl_test_clear_template ();

  return status;
}
