/* test-ctl.c — plantdesk-ctl, run as scripts and administrators run it
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-ctl"

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>
#include <unistd.h>

#include "pd-ctl-test-utils.h"
#include "pd-test-utils.h"

#define NEW_PASSWORD "brand-new-pass-9"

#define AS(user) PD_CTL_TEST_AS (user)
#define AS_ADMIN AS ("admin")
#define NO_ENV ((const char * const []) { NULL })
#define ENV(...) ((const char * const []) { __VA_ARGS__, NULL })
#define ARGS(...) ((const char * const []) { __VA_ARGS__, NULL })

/* Runs plantdesk-ctl --data-dir F->DIR ARGS… with ENV on top of a clean
 * environment. */
#define CTL(f, env, ...) pd_ctl_test_run ((f)->dir, (env), (const char * const []) { __VA_ARGS__, NULL })
/* Runs plantdesk-ctl ARGS… without adding --data-dir. */
#define CTL_RAW(env, ...) pd_ctl_test_run (NULL, (env), (const char * const []) { __VA_ARGS__, NULL })

typedef PdCtlFixture Fixture;

/* A failure is said in one whole line on stderr. */
static void
assert_failed (PdCtlRun *run)
{
  pd_ctl_test_assert_failed (run);
  g_assert_nonnull (strchr (run->err, '\n'));
}

/* The audit log as the administrator sees it with --json. */
static JsonNode *
audit_json (Fixture            *f,
            const char * const *extra)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(PdCtlRun) run = NULL;

  g_ptr_array_add (args, (char *) "--json");
  g_ptr_array_add (args, (char *) "audit");
  g_ptr_array_add (args, (char *) "list");
  for (guint i = 0; extra != NULL && extra[i] != NULL; i++)
    g_ptr_array_add (args, (char *) extra[i]);
  g_ptr_array_add (args, NULL);

  run = pd_ctl_test_run (f->dir, AS_ADMIN, (const char * const *) args->pdata);
  pd_ctl_test_assert_ok (run);

  return pd_ctl_test_parse_json (run->out);
}

static gboolean
audit_has (JsonArray  *records,
           const char *user,
           const char *action,
           const char *result)
{
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

static JsonObject *
find_user (JsonArray  *users,
           const char *name)
{
  return pd_ctl_test_find_object (users, "name", name);
}

static JsonNode *
users_json (Fixture *f)
{
  g_autoptr(PdCtlRun) run = CTL (f, AS_ADMIN, "user", "list", "--json");

  pd_ctl_test_assert_ok (run);
  return pd_ctl_test_parse_json (run->out);
}

static GBytes *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);

  return g_bytes_new_take (g_steal_pointer (&contents), length);
}

static char *
db_path (Fixture *f)
{
  return g_build_filename (f->dir, "plantdesk.db", NULL);
}

/* --- Fixtures -------------------------------------------------------------- */

/* --- Usage ------------------------------------------------------------------ */

static void
test_usage_help (Fixture       *f,
                 gconstpointer  data)
{
  static const char * const helps[][4] = {
    { "--help", NULL },
    { "-h", NULL },
    { "help", NULL },
    { "help", "user", "add", NULL },
    { "user", "add", "--help", NULL },
    { "audit", "list", "-h", NULL },
    { "user", "--help", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (helps); i++)
    {
      g_autoptr(PdCtlRun) run = pd_ctl_test_run (f->dir, NO_ENV, helps[i]);

      pd_ctl_test_assert_ok (run);
      g_assert_true (g_str_has_prefix (run->out, "Usage:"));
    }

  {
    g_autoptr(PdCtlRun) run = CTL_RAW (NO_ENV, "--help");

    /* The overview names every command and the exit statuses. */
    g_assert_nonnull (strstr (run->out, "user add NAME --role ROLE"));
    g_assert_nonnull (strstr (run->out, "audit list"));
    g_assert_nonnull (strstr (run->out, "PLANTDESK_PASSWORD"));
    g_assert_nonnull (strstr (run->out, "Exit status"));
  }

  {
    g_autoptr(PdCtlRun) run = CTL_RAW (NO_ENV, "help", "audit", "list");

    g_assert_nonnull (strstr (run->out, "--since TIME"));
    g_assert_nonnull (strstr (run->out, "--limit N"));
  }

  /* Help opens nothing. */
  {
    g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);

    g_assert_nonnull (dir);
    g_assert_null (g_dir_read_name (dir));
  }
}

static void
test_usage_version (void)
{
  g_autoptr(PdCtlRun) run = CTL_RAW (NO_ENV, "--version");

  pd_ctl_test_assert_ok (run);
  g_assert_true (g_str_has_prefix (run->out, "plantdesk-ctl " PACKAGE_VERSION));
}

static void
check_usage_error (Fixture            *f,
                   const char * const *args,
                   const char         *expected)
{
  g_autofree char *fresh_dir = g_build_filename (f->dir, "not-created", NULL);
  g_autoptr(PdCtlRun) run = pd_ctl_test_run (fresh_dir, AS_ADMIN, args);

  pd_ctl_test_assert_usage_error (run);
  if (expected != NULL && strstr (run->err, expected) == NULL)
    g_error ("“%s” not in stderr:\n%s", expected, run->err);

  /* Arguments are checked before anything is opened or created. */
  g_assert_false (g_file_test (fresh_dir, G_FILE_TEST_EXISTS));
}

#define USAGE(f, expected, ...) \
  check_usage_error ((f), (const char * const []) { __VA_ARGS__, NULL }, (expected))

static void
test_usage_no_command (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(PdCtlRun) run = CTL_RAW (NO_ENV, NULL);

  pd_ctl_test_assert_usage_error (run);
  g_assert_nonnull (strstr (run->err, "No command given."));

  USAGE (f, "No command given.", "--json");
  USAGE (f, "Which “user” command?", "user");
  USAGE (f, "Which “audit” command?", "audit");
}

static void
test_usage_unknown_command (Fixture       *f,
                            gconstpointer  data)
{
  USAGE (f, "Unknown command “frobnicate”.", "frobnicate");
  USAGE (f, "Unknown command “user frobnicate”.", "user", "frobnicate");
  USAGE (f, "Unknown command", "help", "frobnicate");
  /* Command names are exact. */
  USAGE (f, "Unknown command", "USER", "list");
}

static void
test_usage_unknown_option (Fixture       *f,
                           gconstpointer  data)
{
  USAGE (f, "Unknown option “--frobnicate”.", "--frobnicate", "user", "list");
  USAGE (f, "Unknown option “--frobnicate”.", "user", "list", "--frobnicate");
  USAGE (f, "Unknown option “-x”.", "user", "list", "-x");
  /* An option of another command. */
  USAGE (f, "Unknown option “--role”.", "user", "list", "--role", "admin");
  USAGE (f, "takes no value", "--json=yes", "user", "list");
  USAGE (f, "needs a value", "user", "list", "--data-dir");
  USAGE (f, "is given twice", "user", "add", "bob", "--role", "admin", "--role", "operator");
}

static void
test_usage_arguments (Fixture       *f,
                      gconstpointer  data)
{
  USAGE (f, "Missing argument NAME.", "user", "add", "--role", "operator");
  USAGE (f, "Missing argument ROLE.", "user", "set-role", "operator");
  USAGE (f, "Missing argument NAME.", "user", "disable");
  USAGE (f, "Missing argument NAME.", "user", "passwd");
  USAGE (f, "Missing argument NAME.", "station", "set-name");
  USAGE (f, "Unexpected argument “extra”.", "user", "list", "extra");
  USAGE (f, "Unexpected argument “extra”.", "user", "disable", "bob", "extra");
  USAGE (f, "needs a value", "user", "add", "bob", "--role");
}

static void
test_usage_missing_role (Fixture       *f,
                         gconstpointer  data)
{
  USAGE (f, "The option --role is required.", "user", "add", "bob");
  USAGE (f, "The option --station-name is required.", "init", "--admin", "root");
  USAGE (f, "The option --admin is required.", "init", "--station-name", "Line 1");
}

static void
test_usage_bad_role (Fixture       *f,
                     gconstpointer  data)
{
  USAGE (f, "Unknown role “boss”", "user", "add", "bob", "--role", "boss");
  USAGE (f, "Unknown role “Admin”", "user", "add", "bob", "--role=Admin");
  USAGE (f, "Unknown role “”", "user", "add", "bob", "--role", "");
  USAGE (f, "Unknown role “root”", "user", "set-role", "operator", "root");
}

static void
test_usage_bad_since (Fixture       *f,
                      gconstpointer  data)
{
  USAGE (f, "“yesterday” is not an ISO 8601 date or time.", "audit", "list", "--since", "yesterday");
  USAGE (f, "is not an ISO 8601", "audit", "list", "--since", "2026-13-01");
  USAGE (f, "is not an ISO 8601", "audit", "list", "--since", "2026-02-30");
  USAGE (f, "is not an ISO 8601", "audit", "list", "--since", "2026-11-24T25:00:00Z");
  USAGE (f, "is not an ISO 8601", "audit", "list", "--until", "soon");
  USAGE (f, "Unknown result “maybe”", "audit", "list", "--result", "maybe");
}

static void
test_usage_bad_limit (Fixture       *f,
                      gconstpointer  data)
{
  static const char * const limits[] = { "abc", "-1", "5x", "", " 5", "+5", "1e3", "99999999999" };

  for (guint i = 0; i < G_N_ELEMENTS (limits); i++)
    USAGE (f, "is not a number of records", "audit", "list", "--limit", limits[i]);
}

/* Global options go before or after the command. */
static void
test_usage_global_options_anywhere (Fixture       *f,
                                    gconstpointer  data)
{
  g_autofree char *dir_option = g_strdup_printf ("--data-dir=%s", f->dir);
  g_autoptr(PdCtlRun) before = CTL_RAW (AS_ADMIN, "--json", "--data-dir", f->dir, "user", "list");
  g_autoptr(PdCtlRun) after = CTL_RAW (AS_ADMIN, "user", "list", "--data-dir", f->dir, "--json");
  g_autoptr(PdCtlRun) between = CTL_RAW (AS_ADMIN, "user", "--json", dir_option, "list");
  g_autoptr(JsonNode) node = NULL;

  pd_ctl_test_assert_ok (before);
  pd_ctl_test_assert_ok (after);
  pd_ctl_test_assert_ok (between);

  node = pd_ctl_test_parse_json (after->out);
  g_assert_cmpuint (json_array_get_length (pd_ctl_test_node_get_array (node)), ==, 4);
  g_assert_cmpstr (before->out, ==, after->out);
  g_assert_cmpstr (between->out, ==, after->out);
}

/* PLANTDESK_DATA_DIR is the default data dir. */
static void
test_usage_data_dir_env (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *env = g_strdup_printf ("PLANTDESK_DATA_DIR=%s", f->dir);
  g_autoptr(PdCtlRun) run = CTL_RAW (ENV (env), "--json", "station", "show");
  g_autoptr(JsonNode) node = NULL;
  JsonObject *station;

  pd_ctl_test_assert_ok (run);
  node = pd_ctl_test_parse_json (run->out);
  station = pd_ctl_test_node_get_object (node);
  g_assert_cmpstr (json_object_get_string_member (station, "data_dir"), ==, f->dir);
  g_assert_cmpstr (json_object_get_string_member (station, "name"), ==, "Test station");
}

/* --- init and station --------------------------------------------------- */

static void
test_init_ok (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(PdCtlRun) init = NULL;
  g_autoptr(PdCtlRun) show = NULL;
  g_autoptr(PdCtlRun) show_json = NULL;
  g_autoptr(PdCtlRun) list = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *path = db_path (f);
  JsonObject *station;

  init = CTL (f, ENV ("PLANTDESK_PASSWORD=" PD_TEST_PASSWORD),
              "init", "--station-name", "Line 1 assembly", "--admin", "root");
  pd_ctl_test_assert_ok (init);
  g_assert_cmpstr (init->out, ==, "Station “Line 1 assembly” is set up; its administrator is “root”.\n");
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  show = CTL (f, NO_ENV, "station", "show");
  pd_ctl_test_assert_ok (show);
  g_assert_nonnull (strstr (show->out, "Line 1 assembly"));

  show_json = CTL (f, NO_ENV, "station", "show", "--json");
  pd_ctl_test_assert_ok (show_json);
  node = pd_ctl_test_parse_json (show_json->out);
  station = pd_ctl_test_node_get_object (node);
  g_assert_true (json_object_get_boolean_member (station, "initialized"));
  g_assert_cmpstr (json_object_get_string_member (station, "name"), ==, "Line 1 assembly");
  g_assert_cmpstr (json_object_get_string_member (station, "database"), ==, path);
  g_assert_cmpint (json_object_get_int_member (station, "schema_version"), ==,
                   pd_store_get_latest_version ());
  g_assert_true (g_uuid_string_is_valid (json_object_get_string_member (station, "station_id")));

  /* The administrator signs in with that password. */
  list = CTL (f, ENV ("PLANTDESK_USER=root", "PLANTDESK_PASSWORD=" PD_TEST_PASSWORD), "user", "list");
  pd_ctl_test_assert_ok (list);
  g_assert_true (g_str_has_prefix (list->out, "NAME"));
  g_assert_nonnull (strstr (list->out, "root"));
  g_assert_nonnull (strstr (list->out, "admin"));
}

static void
test_init_with_json (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(PdCtlRun) init = CTL (f, ENV ("PLANTDESK_PASSWORD=" PD_TEST_PASSWORD),
                             "--json", "init", "--station-name", "质检站", "--admin", "root");
  g_autoptr(JsonNode) node = NULL;

  pd_ctl_test_assert_ok (init);
  node = pd_ctl_test_parse_json (init->out);
  g_assert_cmpstr (json_object_get_string_member (pd_ctl_test_node_get_object (node), "name"), ==, "质检站");
}

static void
test_init_twice (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *path = db_path (f);
  g_autoptr(PdCtlRun) again = NULL;
  g_autoptr(PdCtlRun) again_no_password = NULL;
  g_autoptr(JsonNode) users = NULL;

  again = CTL (f, ENV ("PLANTDESK_PASSWORD=" NEW_PASSWORD),
               "init", "--station-name", "Other", "--admin", "intruder");
  assert_failed (again);
  g_assert_nonnull (strstr (again->err, "already been set up"));

  /* Refused at once, without asking for a password. */
  again_no_password = CTL (f, NO_ENV, "init", "--station-name", "Other", "--admin", "intruder");
  assert_failed (again_no_password);
  g_assert_nonnull (strstr (again_no_password->err, "already been set up"));

  users = users_json (f);
  g_assert_cmpuint (json_array_get_length (pd_ctl_test_node_get_array (users)), ==, 4);
  g_assert_null (find_user (pd_ctl_test_node_get_array (users), "intruder"));
}

static void
test_init_bad_input (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(PdCtlRun) no_password = NULL;
  g_autoptr(PdCtlRun) weak = NULL;
  g_autoptr(PdCtlRun) bad_name = NULL;
  g_autoptr(PdCtlRun) empty_station = NULL;
  g_autoptr(PdCtlRun) show = NULL;
  g_autoptr(JsonNode) node = NULL;

  /* No PLANTDESK_PASSWORD and no terminal to ask on. */
  no_password = CTL (f, NO_ENV, "init", "--station-name", "Line 1", "--admin", "root");
  assert_failed (no_password);
  g_assert_nonnull (strstr (no_password->err, "PLANTDESK_PASSWORD"));

  weak = CTL (f, ENV ("PLANTDESK_PASSWORD=short"), "init", "--station-name", "Line 1", "--admin", "root");
  assert_failed (weak);

  bad_name = CTL (f, ENV ("PLANTDESK_PASSWORD=" PD_TEST_PASSWORD),
                  "init", "--station-name", "Line 1", "--admin", "bad name!");
  assert_failed (bad_name);

  empty_station = CTL (f, ENV ("PLANTDESK_PASSWORD=" PD_TEST_PASSWORD),
                       "init", "--station-name", " ", "--admin", "root");
  assert_failed (empty_station);

  /* Nothing was set up by any of them. */
  show = CTL (f, NO_ENV, "--json", "station", "show");
  pd_ctl_test_assert_ok (show);
  node = pd_ctl_test_parse_json (show->out);
  g_assert_false (json_object_get_boolean_member (pd_ctl_test_node_get_object (node), "initialized"));
}

static void
test_station_set_name (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(PdCtlRun) rename = CTL (f, AS_ADMIN, "station", "set-name", "Packing 3");
  g_autoptr(PdCtlRun) denied = CTL (f, AS ("supervisor"), "station", "set-name", "Mine");
  g_autoptr(PdCtlRun) empty = CTL (f, AS_ADMIN, "station", "set-name", "");
  g_autoptr(PdCtlRun) show = CTL (f, NO_ENV, "station", "show");
  g_autoptr(JsonNode) audit = NULL;

  pd_ctl_test_assert_ok (rename);
  g_assert_cmpstr (rename->out, ==, "The station is now called “Packing 3”.\n");
  assert_failed (denied);
  assert_failed (empty);
  pd_ctl_test_assert_ok (show);
  g_assert_nonnull (strstr (show->out, "Packing 3"));
  g_assert_null (strstr (show->out, "Mine"));

  audit = audit_json (f, NULL);
  g_assert_true (audit_has (pd_ctl_test_node_get_array (audit), "admin", "station.rename", "ok"));
  g_assert_true (audit_has (pd_ctl_test_node_get_array (audit), "supervisor", "station.rename", "denied"));
}

/* --- Users ------------------------------------------------------------------ */

static void
test_user_add (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(PdCtlRun) add = NULL;
  g_autoptr(PdCtlRun) add_json = NULL;
  g_autoptr(PdCtlRun) duplicate = NULL;
  g_autoptr(PdCtlRun) as_new = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonNode) users = NULL;
  JsonObject *user;

  add = CTL (f, ENV ("PLANTDESK_USER=admin", "PLANTDESK_PASSWORD=" PD_TEST_PASSWORD,
                     "PLANTDESK_NEW_PASSWORD=" NEW_PASSWORD),
             "user", "add", "lin.wei", "--role", "supervisor");
  pd_ctl_test_assert_ok (add);
  g_assert_cmpstr (add->out, ==, "Added user “lin.wei” with the role supervisor.\n");

  add_json = CTL (f, ENV ("PLANTDESK_USER=admin", "PLANTDESK_PASSWORD=" PD_TEST_PASSWORD,
                          "PLANTDESK_NEW_PASSWORD=" NEW_PASSWORD),
                  "user", "add", "--role=warehouse", "--json", "zhang_san");
  pd_ctl_test_assert_ok (add_json);
  node = pd_ctl_test_parse_json (add_json->out);
  user = pd_ctl_test_node_get_object (node);
  g_assert_cmpstr (json_object_get_string_member (user, "name"), ==, "zhang_san");
  g_assert_cmpstr (json_object_get_string_member (user, "role"), ==, "warehouse");
  g_assert_false (json_object_get_boolean_member (user, "disabled"));
  g_assert_nonnull (json_object_get_string_member (user, "created"));

  /* The new user signs in with the new password. */
  as_new = CTL (f, ENV ("PLANTDESK_USER=lin.wei", "PLANTDESK_PASSWORD=" NEW_PASSWORD),
                "audit", "list", "--limit", "1");
  pd_ctl_test_assert_ok (as_new);

  duplicate = CTL (f, ENV ("PLANTDESK_USER=admin", "PLANTDESK_PASSWORD=" PD_TEST_PASSWORD,
                           "PLANTDESK_NEW_PASSWORD=" NEW_PASSWORD),
                   "user", "add", "LIN.WEI", "--role", "operator");
  assert_failed (duplicate);
  g_assert_nonnull (strstr (duplicate->err, "already exists"));

  users = users_json (f);
  g_assert_cmpuint (json_array_get_length (pd_ctl_test_node_get_array (users)), ==, 6);
}

static void
test_user_add_bad_input (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(PdCtlRun) no_password = NULL;
  g_autoptr(PdCtlRun) weak = NULL;
  g_autoptr(PdCtlRun) bad_name = NULL;
  g_autoptr(JsonNode) users = NULL;

  /* No PLANTDESK_NEW_PASSWORD and no terminal. */
  no_password = CTL (f, AS_ADMIN, "user", "add", "bob", "--role", "operator");
  assert_failed (no_password);
  g_assert_nonnull (strstr (no_password->err, "PLANTDESK_NEW_PASSWORD"));

  weak = CTL (f, ENV ("PLANTDESK_USER=admin", "PLANTDESK_PASSWORD=" PD_TEST_PASSWORD,
                      "PLANTDESK_NEW_PASSWORD=short"),
              "user", "add", "bob", "--role", "operator");
  assert_failed (weak);

  bad_name = CTL (f, ENV ("PLANTDESK_USER=admin", "PLANTDESK_PASSWORD=" PD_TEST_PASSWORD,
                          "PLANTDESK_NEW_PASSWORD=" NEW_PASSWORD),
                  "user", "add", "bob smith", "--role", "operator");
  assert_failed (bad_name);

  users = users_json (f);
  g_assert_cmpuint (json_array_get_length (pd_ctl_test_node_get_array (users)), ==, 4);
}

static void
test_user_list (Fixture       *f,
                gconstpointer  data)
{
  static const char * const names[] = { "admin", "operator", "supervisor", "warehouse" };
  g_autoptr(PdCtlRun) table = CTL (f, AS_ADMIN, "user", "list");
  g_autoptr(JsonNode) node = users_json (f);
  g_auto(GStrv) lines = NULL;
  JsonArray *users = pd_ctl_test_node_get_array (node);

  pd_ctl_test_assert_ok (table);
  lines = g_strsplit (table->out, "\n", -1);
  /* A header, a line per user in name order, and the final newline. */
  g_assert_cmpuint (g_strv_length (lines), ==, 6);
  g_assert_true (g_str_has_prefix (lines[0], "NAME"));
  g_assert_nonnull (strstr (lines[0], "ROLE"));
  g_assert_nonnull (strstr (lines[0], "STATE"));
  g_assert_nonnull (strstr (lines[0], "CREATED"));
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_assert_true (g_str_has_prefix (lines[i + 1], names[i]));
      g_assert_nonnull (strstr (lines[i + 1], "active"));
    }

  g_assert_cmpuint (json_array_get_length (users), ==, 4);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      JsonObject *user = json_array_get_object_element (users, i);
      g_autoptr(GDateTime) created = NULL;

      g_assert_cmpuint (json_object_get_size (user), ==, 4);
      g_assert_cmpstr (json_object_get_string_member (user, "name"), ==, names[i]);
      g_assert_cmpstr (json_object_get_string_member (user, "role"), ==, names[i]);
      g_assert_false (json_object_get_boolean_member (user, "disabled"));
      created = g_date_time_new_from_iso8601 (json_object_get_string_member (user, "created"), NULL);
      g_assert_nonnull (created);
    }
}

static void
test_user_list_denied (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(PdCtlRun) run = CTL (f, AS ("operator"), "user", "list");
  g_autoptr(JsonNode) audit = NULL;

  assert_failed (run);
  audit = audit_json (f, NULL);
  g_assert_true (audit_has (pd_ctl_test_node_get_array (audit), "operator", "user.list", "denied"));
}

static void
test_user_set_role (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(PdCtlRun) promote = CTL (f, AS_ADMIN, "user", "set-role", "operator", "supervisor");
  g_autoptr(PdCtlRun) promote_json = CTL (f, AS_ADMIN, "--json", "user", "set-role", "warehouse", "admin");
  g_autoptr(PdCtlRun) missing = CTL (f, AS_ADMIN, "user", "set-role", "nobody", "admin");
  g_autoptr(PdCtlRun) denied = CTL (f, AS ("supervisor"), "user", "set-role", "supervisor", "admin");
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonNode) users = NULL;
  g_autoptr(JsonNode) audit = NULL;

  pd_ctl_test_assert_ok (promote);
  g_assert_cmpstr (promote->out, ==, "“operator” now has the role supervisor.\n");

  pd_ctl_test_assert_ok (promote_json);
  node = pd_ctl_test_parse_json (promote_json->out);
  g_assert_cmpstr (json_object_get_string_member (pd_ctl_test_node_get_object (node), "role"), ==, "admin");

  assert_failed (missing);
  g_assert_nonnull (strstr (missing->err, "nobody"));
  assert_failed (denied);

  users = users_json (f);
  g_assert_cmpstr (json_object_get_string_member (find_user (pd_ctl_test_node_get_array (users), "operator"), "role"),
                   ==, "supervisor");
  g_assert_cmpstr (json_object_get_string_member (find_user (pd_ctl_test_node_get_array (users), "supervisor"), "role"),
                   ==, "supervisor");

  audit = audit_json (f, NULL);
  g_assert_true (audit_has (pd_ctl_test_node_get_array (audit), "admin", "user.set-role", "ok"));
  g_assert_true (audit_has (pd_ctl_test_node_get_array (audit), "supervisor", "user.set-role", "denied"));
}

static void
test_user_disable_enable (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(PdCtlRun) disable = CTL (f, AS_ADMIN, "user", "disable", "supervisor");
  g_autoptr(PdCtlRun) refused = CTL (f, AS ("supervisor"), "audit", "list");
  g_autoptr(PdCtlRun) self = CTL (f, AS_ADMIN, "user", "disable", "admin");
  g_autoptr(PdCtlRun) enable = CTL (f, AS_ADMIN, "--json", "user", "enable", "supervisor");
  g_autoptr(PdCtlRun) back = CTL (f, AS ("supervisor"), "audit", "list", "--limit", "1");
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonNode) audit = NULL;

  pd_ctl_test_assert_ok (disable);
  g_assert_cmpstr (disable->out, ==, "“supervisor” is disabled and can no longer sign in.\n");

  /* A disabled user is refused, whatever the password. */
  assert_failed (refused);
  g_assert_nonnull (strstr (refused->err, "disabled"));

  /* Nobody locks themselves out. */
  assert_failed (self);

  pd_ctl_test_assert_ok (enable);
  node = pd_ctl_test_parse_json (enable->out);
  g_assert_false (json_object_get_boolean_member (pd_ctl_test_node_get_object (node), "disabled"));

  pd_ctl_test_assert_ok (back);

  audit = audit_json (f, NULL);
  g_assert_true (audit_has (pd_ctl_test_node_get_array (audit), "admin", "user.disable", "ok"));
  g_assert_true (audit_has (pd_ctl_test_node_get_array (audit), "admin", "user.enable", "ok"));
  g_assert_true (audit_has (pd_ctl_test_node_get_array (audit), "supervisor", "session.login", "denied"));
}

static void
test_user_disabled_list_state (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(PdCtlRun) disable = CTL (f, AS_ADMIN, "user", "disable", "warehouse");
  g_autoptr(PdCtlRun) table = CTL (f, AS_ADMIN, "user", "list");
  g_autoptr(JsonNode) users = users_json (f);
  g_auto(GStrv) lines = NULL;

  pd_ctl_test_assert_ok (disable);
  pd_ctl_test_assert_ok (table);
  lines = g_strsplit (table->out, "\n", -1);
  g_assert_true (g_str_has_prefix (lines[4], "warehouse"));
  g_assert_nonnull (strstr (lines[4], "disabled"));
  g_assert_true (json_object_get_boolean_member (find_user (pd_ctl_test_node_get_array (users), "warehouse"),
                                                 "disabled"));
}

static void
test_user_passwd (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(PdCtlRun) reset = NULL;
  g_autoptr(PdCtlRun) old = NULL;
  g_autoptr(PdCtlRun) own = NULL;
  g_autoptr(PdCtlRun) own_again = NULL;
  g_autoptr(PdCtlRun) others = NULL;
  g_autoptr(PdCtlRun) no_password = NULL;
  g_autoptr(JsonNode) audit = NULL;

  /* An administrator resets anyone's password. */
  reset = CTL (f, ENV ("PLANTDESK_USER=admin", "PLANTDESK_PASSWORD=" PD_TEST_PASSWORD,
                       "PLANTDESK_NEW_PASSWORD=" NEW_PASSWORD),
               "user", "passwd", "operator");
  pd_ctl_test_assert_ok (reset);
  g_assert_cmpstr (reset->out, ==, "The password of “operator” is changed.\n");

  old = CTL (f, AS ("operator"), "user", "passwd", "operator");
  assert_failed (old);

  /* Anyone changes their own; signing in proves the current one. */
  own = CTL (f, ENV ("PLANTDESK_USER=operator", "PLANTDESK_PASSWORD=" NEW_PASSWORD,
                     "PLANTDESK_NEW_PASSWORD=" PD_TEST_PASSWORD),
             "user", "passwd", "operator");
  pd_ctl_test_assert_ok (own);

  own_again = CTL (f, ENV ("PLANTDESK_USER=operator", "PLANTDESK_PASSWORD=" PD_TEST_PASSWORD,
                           "PLANTDESK_NEW_PASSWORD=" NEW_PASSWORD),
                   "user", "passwd", "operator");
  pd_ctl_test_assert_ok (own_again);

  /* But nobody else's. */
  others = CTL (f, ENV ("PLANTDESK_USER=supervisor", "PLANTDESK_PASSWORD=" PD_TEST_PASSWORD,
                        "PLANTDESK_NEW_PASSWORD=" NEW_PASSWORD),
                "user", "passwd", "admin");
  assert_failed (others);

  no_password = CTL (f, AS ("supervisor"), "user", "passwd", "supervisor");
  assert_failed (no_password);
  g_assert_nonnull (strstr (no_password->err, "PLANTDESK_NEW_PASSWORD"));

  audit = audit_json (f, NULL);
  g_assert_true (audit_has (pd_ctl_test_node_get_array (audit), "admin", "user.reset-password", "ok"));
  g_assert_true (audit_has (pd_ctl_test_node_get_array (audit), "operator", "user.change-password", "ok"));
  g_assert_true (audit_has (pd_ctl_test_node_get_array (audit), "supervisor", "user.reset-password", "denied"));
}

/* --- Signing in --------------------------------------------------------------- */

static void
test_auth_wrong_password (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(PdCtlRun) wrong = CTL (f, ENV ("PLANTDESK_USER=admin", "PLANTDESK_PASSWORD=not-the-password"),
                              "user", "list");
  g_autoptr(PdCtlRun) unknown = CTL (f, ENV ("PLANTDESK_USER=ghost", "PLANTDESK_PASSWORD=" PD_TEST_PASSWORD),
                                "user", "list");
  g_autoptr(JsonNode) audit = NULL;

  assert_failed (wrong);
  g_assert_cmpstr (wrong->err, ==, "plantdesk-ctl: Wrong user name or password.\n");
  /* An unknown user gets the same answer, so names cannot be probed. */
  assert_failed (unknown);
  g_assert_cmpstr (unknown->err, ==, wrong->err);

  audit = audit_json (f, NULL);
  g_assert_true (audit_has (pd_ctl_test_node_get_array (audit), "admin", "session.login", "denied"));
}

static void
test_auth_no_credentials (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(PdCtlRun) none = CTL (f, NO_ENV, "user", "list");
  g_autoptr(PdCtlRun) no_password = CTL (f, ENV ("PLANTDESK_USER=admin"), "user", "list");
  g_autoptr(PdCtlRun) no_user = CTL (f, ENV ("PLANTDESK_PASSWORD=" PD_TEST_PASSWORD), "user", "list");

  assert_failed (none);
  g_assert_nonnull (strstr (none->err, "PLANTDESK_USER"));
  g_assert_nonnull (strstr (none->err, "terminal"));
  assert_failed (no_password);
  assert_failed (no_user);
}

static void
test_auth_not_initialized (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(PdCtlRun) run = CTL (f, AS_ADMIN, "user", "list");
  g_autoptr(PdCtlRun) show = CTL (f, NO_ENV, "station", "show");
  g_autoptr(GDir) dir = NULL;

  /* Only "init" creates a database: a mistyped folder stays untouched. */
  assert_failed (run);
  g_assert_nonnull (strstr (run->err, "no Plantdesk database"));
  assert_failed (show);
  g_assert_nonnull (strstr (show->err, "no Plantdesk database"));

  dir = g_dir_open (f->dir, 0, NULL);
  g_assert_nonnull (dir);
  g_assert_null (g_dir_read_name (dir));
}

static void
test_auth_throttled (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(PdCtlRun) right = NULL;
  g_autoptr(PdCtlRun) admin = NULL;
  g_autoptr(JsonNode) audit = NULL;
  g_autofree char *first_error = NULL;
  JsonArray *records;
  gboolean throttled_audited = FALSE;

  for (guint i = 0; i < PD_LOGIN_FREE_ATTEMPTS; i++)
    {
      g_autoptr(PdCtlRun) wrong = CTL (f, ENV ("PLANTDESK_USER=supervisor", "PLANTDESK_PASSWORD=guess-123"),
                                  "audit", "list");

      assert_failed (wrong);
      g_assert_true (g_str_has_prefix (wrong->err, "plantdesk-ctl: Wrong user name or password."));
    }

  /* Now even the right password has to wait. */
  right = CTL (f, AS ("supervisor"), "audit", "list");
  assert_failed (right);
  g_assert_null (strstr (right->err, "Wrong user name or password."));
  g_assert_nonnull (strstr (right->err, "second"));

  /* Throttling is per user: the administrator still signs in. */
  admin = CTL (f, AS_ADMIN, "user", "list");
  pd_ctl_test_assert_ok (admin);

  audit = audit_json (f, NULL);
  records = pd_ctl_test_node_get_array (audit);
  for (guint i = 0; i < json_array_get_length (records); i++)
    {
      JsonObject *record = json_array_get_object_element (records, i);

      if (g_strcmp0 (json_object_get_string_member (record, "user"), "supervisor") == 0 &&
          g_strcmp0 (json_object_get_string_member (record, "result"), "denied") == 0 &&
          g_strcmp0 (json_object_get_string_member_with_default (record, "detail", NULL), "throttled") == 0)
        throttled_audited = TRUE;
    }
  g_assert_true (throttled_audited);
}

/* --- Permissions --------------------------------------------------------------- */

static void
test_permission_operator_user_add (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(PdCtlRun) with_password = NULL;
  g_autoptr(PdCtlRun) without_password = NULL;
  g_autoptr(JsonNode) audit = NULL;
  g_autoptr(JsonNode) users = NULL;
  JsonArray *records;
  JsonObject *newest;

  with_password = CTL (f, ENV ("PLANTDESK_USER=operator", "PLANTDESK_PASSWORD=" PD_TEST_PASSWORD,
                               "PLANTDESK_NEW_PASSWORD=" NEW_PASSWORD),
                       "user", "add", "mallory", "--role", "admin");
  assert_failed (with_password);
  g_assert_nonnull (strstr (with_password->err, "may not"));

  /* Refused before a new password is asked for. */
  without_password = CTL (f, AS ("operator"), "user", "add", "mallory", "--role", "admin");
  assert_failed (without_password);
  g_assert_cmpstr (without_password->err, ==, with_password->err);

  audit = audit_json (f, ARGS ("--user", "operator", "--action", "user.add"));
  records = pd_ctl_test_node_get_array (audit);
  g_assert_cmpuint (json_array_get_length (records), ==, 2);
  newest = json_array_get_object_element (records, 0);
  g_assert_cmpstr (json_object_get_string_member (newest, "user"), ==, "operator");
  g_assert_cmpstr (json_object_get_string_member (newest, "role"), ==, "operator");
  g_assert_cmpstr (json_object_get_string_member (newest, "station"), ==, "Test station");
  g_assert_cmpstr (json_object_get_string_member (newest, "action"), ==, "user.add");
  g_assert_cmpstr (json_object_get_string_member (newest, "result"), ==, "denied");

  users = users_json (f);
  g_assert_null (find_user (pd_ctl_test_node_get_array (users), "mallory"));
}

/* --- Audit ------------------------------------------------------------------------ */

static void
test_audit_list_json_fields (Fixture       *f,
                             gconstpointer  data)
{
  static const char * const fields[] = {
    "ts", "user", "role", "station", "action", "entity", "entity_id", "result", "detail",
  };
  g_autoptr(PdCtlRun) add = NULL;
  g_autoptr(JsonNode) audit = NULL;
  g_autoptr(GDateTime) ts = NULL;
  JsonArray *records;
  JsonObject *record = NULL;

  add = CTL (f, ENV ("PLANTDESK_USER=admin", "PLANTDESK_PASSWORD=" PD_TEST_PASSWORD,
                     "PLANTDESK_NEW_PASSWORD=" NEW_PASSWORD),
             "user", "add", "wang.fang", "--role", "operator");
  pd_ctl_test_assert_ok (add);

  audit = audit_json (f, NULL);
  records = pd_ctl_test_node_get_array (audit);
  g_assert_cmpuint (json_array_get_length (records), >, 1);

  for (guint i = 0; i < json_array_get_length (records); i++)
    {
      JsonObject *r = json_array_get_object_element (records, i);
      const char *result = json_object_get_string_member (r, "result");

      for (guint j = 0; j < G_N_ELEMENTS (fields); j++)
        g_assert_true (json_object_has_member (r, fields[j]));
      g_assert_true (g_str_equal (result, "ok") || g_str_equal (result, "denied"));

      /* Newest first. */
      if (i > 0)
        {
          JsonObject *newer = json_array_get_object_element (records, i - 1);

          g_assert_cmpstr (json_object_get_string_member (newer, "ts"), >=,
                           json_object_get_string_member (r, "ts"));
        }

      if (record == NULL && g_strcmp0 (json_object_get_string_member (r, "action"), "user.add") == 0)
        record = r;
    }

  g_assert_nonnull (record);
  ts = g_date_time_new_from_iso8601 (json_object_get_string_member (record, "ts"), NULL);
  g_assert_nonnull (ts);
  g_assert_cmpstr (json_object_get_string_member (record, "user"), ==, "admin");
  g_assert_cmpstr (json_object_get_string_member (record, "role"), ==, "admin");
  g_assert_cmpstr (json_object_get_string_member (record, "station"), ==, "Test station");
  g_assert_cmpstr (json_object_get_string_member (record, "entity"), ==, "user");
  g_assert_cmpstr (json_object_get_string_member (record, "result"), ==, "ok");
}

static void
test_audit_list_filters (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(JsonNode) by_user = NULL;
  g_autoptr(JsonNode) by_action = NULL;
  g_autoptr(JsonNode) by_prefix = NULL;
  g_autoptr(JsonNode) by_result = NULL;
  g_autoptr(JsonNode) limited = NULL;
  g_autoptr(JsonNode) all = NULL;
  g_autoptr(JsonNode) since_past = NULL;
  g_autoptr(JsonNode) since_future = NULL;
  g_autoptr(JsonNode) until_past = NULL;
  g_autoptr(JsonNode) window = NULL;
  g_autoptr(PdCtlRun) denied = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (now, 1);
  g_autofree char *tomorrow_str = g_date_time_format (tomorrow, "%Y-%m-%d");
  JsonArray *records;

  /* Something by somebody else than the administrator. */
  denied = CTL (f, AS ("warehouse"), "user", "disable", "operator");
  assert_failed (denied);

  by_user = audit_json (f, ARGS ("--user", "warehouse"));
  records = pd_ctl_test_node_get_array (by_user);
  g_assert_cmpuint (json_array_get_length (records), >=, 2);
  for (guint i = 0; i < json_array_get_length (records); i++)
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (records, i), "user"),
                     ==, "warehouse");

  by_action = audit_json (f, ARGS ("--action", "user.disable"));
  records = pd_ctl_test_node_get_array (by_action);
  g_assert_cmpuint (json_array_get_length (records), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (records, 0), "result"),
                   ==, "denied");

  by_prefix = audit_json (f, ARGS ("--action", "session."));
  records = pd_ctl_test_node_get_array (by_prefix);
  g_assert_cmpuint (json_array_get_length (records), >=, 2);
  for (guint i = 0; i < json_array_get_length (records); i++)
    g_assert_true (g_str_has_prefix (json_object_get_string_member (json_array_get_object_element (records, i),
                                                                    "action"), "session."));

  by_result = audit_json (f, ARGS ("--result", "denied"));
  records = pd_ctl_test_node_get_array (by_result);
  g_assert_cmpuint (json_array_get_length (records), ==, 1);

  limited = audit_json (f, ARGS ("--limit", "2"));
  g_assert_cmpuint (json_array_get_length (pd_ctl_test_node_get_array (limited)), ==, 2);

  all = audit_json (f, ARGS ("--limit", "0"));
  g_assert_cmpuint (json_array_get_length (pd_ctl_test_node_get_array (all)), >, 2);

  since_past = audit_json (f, ARGS ("--since", "2000-01-01"));
  g_assert_cmpuint (json_array_get_length (pd_ctl_test_node_get_array (since_past)), >, 2);

  since_future = audit_json (f, ARGS ("--since", tomorrow_str));
  g_assert_cmpuint (json_array_get_length (pd_ctl_test_node_get_array (since_future)), ==, 0);

  until_past = audit_json (f, ARGS ("--until", "2000-01-01T00:00:00Z"));
  g_assert_cmpuint (json_array_get_length (pd_ctl_test_node_get_array (until_past)), ==, 0);

  window = audit_json (f, ARGS ("--since", "2000-01-01T00:00:00+08:00", "--until", tomorrow_str,
                               "--user", "warehouse", "--limit", "1"));
  records = pd_ctl_test_node_get_array (window);
  g_assert_cmpuint (json_array_get_length (records), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (records, 0), "action"),
                   ==, "user.disable");
}

static void
test_audit_list_default_limit (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(JsonNode) defaults = NULL;
  g_autoptr(JsonNode) all = NULL;

  /* Many records, cheaply: refusals the core audits, written in process. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(PdStore) store = pd_store_open (f->dir, &error);
    g_autoptr(PdUser) operator = NULL;

    g_assert_no_error (error);
    operator = pd_test_login (store, "operator");
    for (guint i = 0; i < 60; i++)
      {
        g_autoptr(GError) denied = NULL;

        g_assert_false (pd_store_check_permission (store, operator, PD_PERMISSION_AUDIT_VIEW,
                                                   "audit.view", &denied));
        g_assert_error (denied, PD_ERROR, PD_ERROR_PERMISSION_DENIED);
      }
  }

  defaults = audit_json (f, NULL);
  g_assert_cmpuint (json_array_get_length (pd_ctl_test_node_get_array (defaults)), ==, 50);

  all = audit_json (f, ARGS ("--limit", "0"));
  g_assert_cmpuint (json_array_get_length (pd_ctl_test_node_get_array (all)), >, 60);
}

static void
test_audit_list_table (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(PdCtlRun) table = CTL (f, AS ("supervisor"), "audit", "list", "--limit", "3");
  g_autoptr(PdCtlRun) empty = CTL (f, AS ("supervisor"), "audit", "list", "--user", "nobody");
  g_auto(GStrv) lines = NULL;

  pd_ctl_test_assert_ok (table);
  lines = g_strsplit (table->out, "\n", -1);
  /* A header, three records, and the final newline. */
  g_assert_cmpuint (g_strv_length (lines), ==, 5);
  g_assert_true (g_str_has_prefix (lines[0], "TIME"));
  g_assert_nonnull (strstr (lines[0], "ACTION"));
  g_assert_nonnull (strstr (lines[0], "RESULT"));
  /* The newest record is this very login. */
  g_assert_nonnull (strstr (lines[1], "supervisor"));
  g_assert_nonnull (strstr (lines[1], "session.login"));

  pd_ctl_test_assert_ok (empty);
  g_assert_cmpstr (empty->out, ==, "No audit records match.\n");
}

static void
test_audit_list_denied (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(PdCtlRun) operator = CTL (f, AS ("operator"), "audit", "list");
  g_autoptr(PdCtlRun) warehouse = CTL (f, AS ("warehouse"), "--json", "audit", "list");
  g_autoptr(JsonNode) audit = NULL;
  JsonArray *records;
  guint denied = 0;

  assert_failed (operator);
  g_assert_nonnull (strstr (operator->err, "may not"));
  assert_failed (warehouse);

  /* Each refused read is in the log. */
  audit = audit_json (f, ARGS ("--result", "denied"));
  records = pd_ctl_test_node_get_array (audit);
  for (guint i = 0; i < json_array_get_length (records); i++)
    {
      JsonObject *record = json_array_get_object_element (records, i);
      const char *user = json_object_get_string_member (record, "user");

      if (g_strcmp0 (user, "operator") == 0 || g_strcmp0 (user, "warehouse") == 0)
        denied++;
    }
  g_assert_cmpuint (denied, ==, 2);
}

/* --- The database -------------------------------------------------------------------- */

static void
test_store_newer (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *path = db_path (f);
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(PdCtlRun) list = NULL;
  g_autoptr(PdCtlRun) show = NULL;
  g_autoptr(PdCtlRun) init = NULL;
  sqlite3 *db = NULL;

  /* What a later Plantdesk would leave behind. */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 9999", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
  before = read_file (path);

  list = CTL (f, AS_ADMIN, "user", "list");
  assert_failed (list);
  g_assert_nonnull (strstr (list->err, "newer version"));

  show = CTL (f, NO_ENV, "station", "show");
  assert_failed (show);

  init = CTL (f, ENV ("PLANTDESK_PASSWORD=" PD_TEST_PASSWORD),
              "init", "--station-name", "Line 1", "--admin", "root");
  assert_failed (init);

  after = read_file (path);
  g_assert_true (g_bytes_equal (before, after));
}

static void
test_store_corrupt (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *path = db_path (f);
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(PdCtlRun) show = NULL;
  g_autoptr(PdCtlRun) init = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) garbage = g_string_new (NULL);

  for (guint i = 0; i < 512; i++)
    g_string_append (garbage, "not a database ");
  g_file_set_contents (path, garbage->str, garbage->len, &error);
  g_assert_no_error (error);
  before = read_file (path);

  show = CTL (f, NO_ENV, "station", "show");
  assert_failed (show);
  g_assert_nonnull (strstr (show->err, "damaged"));

  init = CTL (f, ENV ("PLANTDESK_PASSWORD=" PD_TEST_PASSWORD),
              "init", "--station-name", "Line 1", "--admin", "root");
  assert_failed (init);
  g_assert_nonnull (strstr (init->err, "damaged"));

  after = read_file (path);
  g_assert_true (g_bytes_equal (before, after));
}

static void
test_store_damaged_populated (Fixture       *f,
                              gconstpointer  data)
{
  g_autofree char *path = db_path (f);
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(PdCtlRun) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileIOStream) stream = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 page_size, root_page;
  GOutputStream *out;
  char garbage[16];

  /* Find the page where the users table starts... */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT (SELECT page_size FROM pragma_page_size), rootpage "
                                           "FROM sqlite_schema WHERE name = 'users'",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  page_size = sqlite3_column_int64 (stmt, 0);
  root_page = sqlite3_column_int64 (stmt, 1);
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
  g_assert_cmpint (root_page, >, 1);

  /* ...and scribble over its header, as a failing disk would. */
  memset (garbage, 0xa5, sizeof garbage);
  stream = g_file_open_readwrite (file, NULL, &error);
  g_assert_no_error (error);
  g_seekable_seek (G_SEEKABLE (stream), (root_page - 1) * page_size, G_SEEK_SET, NULL, &error);
  g_assert_no_error (error);
  out = g_io_stream_get_output_stream (G_IO_STREAM (stream));
  g_output_stream_write_all (out, garbage, sizeof garbage, NULL, NULL, &error);
  g_assert_no_error (error);
  g_io_stream_close (G_IO_STREAM (stream), NULL, &error);
  g_assert_no_error (error);
  before = read_file (path);

  list = CTL (f, AS_ADMIN, "user", "list");
  assert_failed (list);
  g_assert_nonnull (strstr (list->err, "damaged"));

  after = read_file (path);
  g_assert_true (g_bytes_equal (before, after));
}

static void
test_store_not_writable (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(PdCtlRun) init = NULL;
  g_autoptr(GDir) dir = NULL;

  if (geteuid () == 0)
    {
      g_test_skip ("running as root, for whom a read-only folder is still writable");
      return;
    }

  g_assert_cmpint (g_chmod (f->dir, 0500), ==, 0);

  init = CTL (f, ENV ("PLANTDESK_PASSWORD=" PD_TEST_PASSWORD),
              "init", "--station-name", "Line 1", "--admin", "root");
  assert_failed (init);
  g_assert_nonnull (strstr (init->err, "not writable"));

  dir = g_dir_open (f->dir, 0, NULL);
  g_assert_nonnull (dir);
  g_assert_null (g_dir_read_name (dir));
}

/* A data dir that cannot be created is refused the same way, and this
 * case holds even for root. */
static void
test_store_cannot_create (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *file = g_build_filename (f->dir, "a-file", NULL);
  g_autofree char *below = g_build_filename (file, "data", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PdCtlRun) init = NULL;

  g_file_set_contents (file, "", 0, &error);
  g_assert_no_error (error);

  init = pd_ctl_test_run (below, ENV ("PLANTDESK_PASSWORD=" PD_TEST_PASSWORD),
                  (const char * const []) { "init", "--station-name", "Line 1", "--admin", "root", NULL });
  assert_failed (init);
  g_assert_nonnull (strstr (init->err, below));
}

/* --- Translations -------------------------------------------------------------------- */

/* Whether the built catalogue translates MSGID: .mo files hold their
 * msgids as NUL-terminated strings. */
static gboolean
catalogue_has (GBytes     *mo,
               const char *msgid)
{
  gsize size;
  const char *data = g_bytes_get_data (mo, &size);
  gsize length = strlen (msgid) + 1;

  for (gsize i = 0; i + length <= size; i++)
    {
      if (memcmp (data + i, msgid, length) == 0)
        return TRUE;
    }

  return FALSE;
}

static void
test_i18n_zh_cn (Fixture       *f,
                 gconstpointer  data)
{
  const char *build_dir = g_getenv ("PLANTDESK_BUILD_DIR");
  g_autofree char *mo_path = NULL;
  g_autoptr(GBytes) mo = NULL;
  g_autoptr(PdCtlRun) english = NULL;
  g_autoptr(PdCtlRun) chinese = NULL;

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

  mo = read_file (mo_path);

  /* A message of plantdesk-ctl itself, with its usage. */
  if (catalogue_has (mo, "Unknown command “%s”."))
    {
      english = CTL (f, NO_ENV, "frobnicate");
      chinese = CTL (f, ENV ("LANGUAGE=zh_CN"), "frobnicate");

      pd_ctl_test_assert_usage_error (english);
      pd_ctl_test_assert_status (chinese, 2);
      g_assert_true (g_utf8_validate (chinese->err, -1, NULL));
      g_assert_cmpstr (chinese->err, !=, english->err);
      g_assert_null (strstr (chinese->err, "Unknown command"));
      g_assert_nonnull (strstr (chinese->err, "frobnicate"));
      g_clear_pointer (&english, pd_ctl_run_free);
      g_clear_pointer (&chinese, pd_ctl_run_free);
    }
  else
    {
      g_test_message ("plantdesk-ctl's own messages are not translated yet");
    }

  /* A message of the core, passed on as it is. */
  if (catalogue_has (mo, "Wrong user name or password."))
    {
      english = CTL (f, ENV ("PLANTDESK_USER=admin", "PLANTDESK_PASSWORD=wrong-password"), "user", "list");
      chinese = CTL (f, ENV ("PLANTDESK_USER=admin", "PLANTDESK_PASSWORD=wrong-password",
                             "LANGUAGE=zh_CN"),
                     "user", "list");

      assert_failed (english);
      assert_failed (chinese);
      g_assert_true (g_utf8_validate (chinese->err, -1, NULL));
      g_assert_cmpstr (chinese->err, !=, english->err);
    }
  else
    {
      g_test_skip ("the zh_CN catalogue does not translate the messages checked here yet");
    }
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  pd_core_init ();

#define ADD_EMPTY(path, func) \
  g_test_add ((path), Fixture, NULL, pd_ctl_test_fixture_set_up_empty, (func), pd_ctl_test_fixture_tear_down)
#define ADD_POPULATED(path, func) \
  g_test_add ((path), Fixture, NULL, pd_ctl_test_fixture_set_up_populated, (func), pd_ctl_test_fixture_tear_down)

  ADD_EMPTY ("/ctl/usage/help", test_usage_help);
  g_test_add_func ("/ctl/usage/version", test_usage_version);
  ADD_EMPTY ("/ctl/usage/no-command", test_usage_no_command);
  ADD_EMPTY ("/ctl/usage/unknown-command", test_usage_unknown_command);
  ADD_EMPTY ("/ctl/usage/unknown-option", test_usage_unknown_option);
  ADD_EMPTY ("/ctl/usage/arguments", test_usage_arguments);
  ADD_EMPTY ("/ctl/usage/missing-role", test_usage_missing_role);
  ADD_EMPTY ("/ctl/usage/bad-role", test_usage_bad_role);
  ADD_EMPTY ("/ctl/usage/bad-since", test_usage_bad_since);
  ADD_EMPTY ("/ctl/usage/bad-limit", test_usage_bad_limit);
  ADD_POPULATED ("/ctl/usage/global-options-anywhere", test_usage_global_options_anywhere);
  ADD_POPULATED ("/ctl/usage/data-dir-env", test_usage_data_dir_env);

  ADD_EMPTY ("/ctl/init/ok", test_init_ok);
  ADD_EMPTY ("/ctl/init/json", test_init_with_json);
  ADD_POPULATED ("/ctl/init/twice", test_init_twice);
  ADD_EMPTY ("/ctl/init/bad-input", test_init_bad_input);
  ADD_POPULATED ("/ctl/station/set-name", test_station_set_name);

  ADD_POPULATED ("/ctl/user/add", test_user_add);
  ADD_POPULATED ("/ctl/user/add-bad-input", test_user_add_bad_input);
  ADD_POPULATED ("/ctl/user/list", test_user_list);
  ADD_POPULATED ("/ctl/user/list-denied", test_user_list_denied);
  ADD_POPULATED ("/ctl/user/set-role", test_user_set_role);
  ADD_POPULATED ("/ctl/user/disable-enable", test_user_disable_enable);
  ADD_POPULATED ("/ctl/user/disabled-in-list", test_user_disabled_list_state);
  ADD_POPULATED ("/ctl/user/passwd", test_user_passwd);

  ADD_POPULATED ("/ctl/auth/wrong-password", test_auth_wrong_password);
  ADD_POPULATED ("/ctl/auth/no-credentials", test_auth_no_credentials);
  ADD_EMPTY ("/ctl/auth/not-initialized", test_auth_not_initialized);
  ADD_POPULATED ("/ctl/auth/throttled", test_auth_throttled);

  ADD_POPULATED ("/ctl/permission/operator-user-add", test_permission_operator_user_add);

  ADD_POPULATED ("/ctl/audit/json-fields", test_audit_list_json_fields);
  ADD_POPULATED ("/ctl/audit/filters", test_audit_list_filters);
  ADD_POPULATED ("/ctl/audit/default-limit", test_audit_list_default_limit);
  ADD_POPULATED ("/ctl/audit/table", test_audit_list_table);
  ADD_POPULATED ("/ctl/audit/denied", test_audit_list_denied);

  ADD_POPULATED ("/ctl/store/newer", test_store_newer);
  ADD_EMPTY ("/ctl/store/corrupt", test_store_corrupt);
  ADD_POPULATED ("/ctl/store/damaged", test_store_damaged_populated);
  ADD_EMPTY ("/ctl/store/not-writable", test_store_not_writable);
  ADD_EMPTY ("/ctl/store/cannot-create", test_store_cannot_create);

  ADD_POPULATED ("/ctl/i18n/zh-CN", test_i18n_zh_cn);

  status = g_test_run ();

  pd_ctl_test_clear_template ();

  return status;
}
