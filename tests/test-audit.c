/* test-audit.c
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "pd-test-utils.h"

typedef struct
{
  char    *dir;
  PdStore *store;
  PdUser  *admin;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture->dir = pd_test_data_dir_new ();
  fixture->store = pd_test_store_new_populated (fixture->dir);
  fixture->admin = pd_test_login (fixture->store, "admin");
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_clear_object (&fixture->admin);
  g_assert_finalize_object (fixture->store);
  pd_test_data_dir_free (fixture->dir);
}

/* Old records, spread over January 2026, straight into the table. */
static void
fill_history (Fixture *fixture,
              guint    n)
{
  g_autofree char *sql = g_strdup_printf (
    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %u) "
    "INSERT INTO audit_log (ts, user_name, role, station, action, entity, entity_id, result) "
    "SELECT strftime ('%%Y-%%m-%%dT%%H:%%M:%%fZ', '2026-01-01', '+' || (i * 60) || ' seconds'), "
    "       CASE i %% 3 WHEN 0 THEN 'operator' WHEN 1 THEN 'warehouse' ELSE 'supervisor' END, "
    "       'operator', 'Test station', "
    "       CASE i %% 2 WHEN 0 THEN 'stock.receive' ELSE 'stock.issue' END, 'stock', i, "
    "       CASE i %% 10 WHEN 0 THEN 'denied' ELSE 'ok' END "
    "FROM n", n);

  g_assert_cmpint (sqlite3_exec (pd_store_get_db (fixture->store), sql, NULL, NULL, NULL), ==, SQLITE_OK);
}

static void
test_contents (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(PdUser) added = NULL;
  PdAuditRecord *last;
  g_autofree char *local = NULL;

  added = pd_store_add_user (fixture->store, fixture->admin, "li.ming", PD_ROLE_SUPERVISOR,
                             PD_TEST_PASSWORD, &error);
  g_assert_no_error (error);

  records = pd_store_query_audit (fixture->store, fixture->admin, NULL, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, 1);

  last = g_ptr_array_index (records, 0);
  g_assert_cmpstr (pd_audit_record_get_user (last), ==, "admin");
  g_assert_cmpstr (pd_audit_record_get_role (last), ==, "admin");
  g_assert_cmpstr (pd_audit_record_get_station (last), ==, "Test station");
  g_assert_cmpstr (pd_audit_record_get_action (last), ==, "user.add");
  g_assert_cmpstr (pd_audit_record_get_entity (last), ==, "user");
  g_assert_cmpstr (pd_audit_record_get_entity_id (last), ==, "li.ming");
  g_assert_cmpstr (pd_audit_record_get_result (last), ==, "ok");
  g_assert_true (g_str_has_suffix (pd_audit_record_get_ts (last), "Z"));
  local = pd_audit_record_format_local_time (last);
  g_assert_cmpuint (strlen (local), ==, strlen ("2026-11-24 12:00:00"));

  /* People read what an action means; unknown ones stay as they are. */
  g_assert_cmpstr (pd_audit_action_get_label ("user.add"), ==, "Added a user");
  g_assert_cmpstr (pd_audit_action_get_label ("stock.issue"), ==, "stock.issue");
  g_assert_cmpstr (pd_audit_entity_get_label ("user"), ==, "User");
  g_assert_cmpstr (pd_audit_entity_get_label ("lot"), ==, "lot");

  /* The set-up itself was audited, as the administrator it created. */
  g_clear_pointer (&records, g_ptr_array_unref);
  records = pd_store_query_audit (fixture->store, fixture->admin,
                                  &(PdAuditFilter) { .action = "station.init" }, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, 1);
  g_assert_cmpstr (pd_audit_record_get_user (g_ptr_array_index (records, 0)), ==, "admin");
  g_assert_cmpstr (pd_audit_record_get_detail (g_ptr_array_index (records, 0)), ==, "Test station");
}

static guint
count_matching (Fixture             *fixture,
                const PdAuditFilter *filter)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = pd_store_query_audit (fixture->store, fixture->admin, filter, 0, &error);

  g_assert_no_error (error);
  return records->len;
}

static void
test_filters (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GDateTime) jan2 = g_date_time_new_utc (2026, 1, 2, 0, 0, 0);
  g_autoptr(GDateTime) jan3 = g_date_time_new_utc (2026, 1, 3, 0, 0, 0);
  g_auto(GStrv) actions = NULL;

  fill_history (fixture, 3000);

  g_assert_cmpuint (count_matching (fixture, &(PdAuditFilter) { .user = "operator", .action = "stock." }), ==, 1000);
  g_assert_cmpuint (count_matching (fixture, &(PdAuditFilter) { .action = "stock.issue" }), ==, 1500);
  g_assert_cmpuint (count_matching (fixture, &(PdAuditFilter) { .action = "stock" }), ==, 0);
  g_assert_cmpuint (count_matching (fixture, &(PdAuditFilter) { .action = "stock.", .result = "denied" }), ==, 300);
  /* One record a minute: a day holds 1440. */
  g_assert_cmpuint (count_matching (fixture, &(PdAuditFilter) { .since = jan2, .until = jan3 }), ==, 1440);
  /* Filter values are data, never SQL. */
  g_assert_cmpuint (count_matching (fixture, &(PdAuditFilter) { .user = "x' OR '1'='1" }), ==, 0);

  actions = pd_store_list_audit_actions (fixture->store, NULL);
  g_assert_true (g_strv_contains ((const char * const *) actions, "stock.issue"));
  g_assert_true (g_strv_contains ((const char * const *) actions, "user.add"));
}

static void
wait_loaded (PdAuditModel *model)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (pd_audit_model_get_loading (model))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
}

static void
test_model (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(PdAuditModel) model = NULL;
  g_autoptr(PdAuditRecord) first = NULL;
  g_autoptr(PdAuditRecord) deep = NULL;
  g_autoptr(PdAuditRecord) top = NULL;
  g_autoptr(PdUser) newcomer = NULL;
  g_autoptr(GError) error = NULL;
  guint n_all;
  guint changes = 0;

  fill_history (fixture, 20000);
  n_all = (guint) pd_test_count_rows (fixture->store, "audit_log");

  model = pd_audit_model_new (fixture->store, fixture->admin);
  g_assert_true (pd_audit_model_get_loading (model));
  wait_loaded (model);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, n_all);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (model)) == PD_TYPE_AUDIT_RECORD);

  /* Newest first, and rows far down read on demand. */
  first = g_list_model_get_item (G_LIST_MODEL (model), 0);
  deep = g_list_model_get_item (G_LIST_MODEL (model), n_all - 1);
  g_assert_cmpint (pd_audit_record_get_id (first), >, pd_audit_record_get_id (deep));
  g_assert_cmpint (pd_audit_record_get_id (deep), ==, 1);
  g_assert_cmpstr (pd_audit_record_get_action (deep), ==, "station.init");
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (model), n_all));

  for (guint i = 0; i < n_all; i += 997)
    {
      g_autoptr(PdAuditRecord) record = g_list_model_get_item (G_LIST_MODEL (model), i);
      g_assert_nonnull (pd_audit_record_get_action (record));
    }

  /* A filter reloads in the background. */
  pd_audit_model_set_filter (model, &(PdAuditFilter) { .user = "warehouse", .action = "stock.issue" });
  wait_loaded (model);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==,
                    count_matching (fixture, &(PdAuditFilter) { .user = "warehouse", .action = "stock.issue" }));

  /* New records that match appear on top at once; others do not. */
  pd_audit_model_set_filter (model, &(PdAuditFilter) { .action = "user." });
  wait_loaded (model);
  n_all = g_list_model_get_n_items (G_LIST_MODEL (model));
  g_signal_connect_swapped (model, "items-changed", G_CALLBACK (g_atomic_int_inc), &changes);

  newcomer = pd_store_add_user (fixture->store, fixture->admin, "newcomer",
                                PD_ROLE_OPERATOR, PD_TEST_PASSWORD, &error);
  g_assert_no_error (error);
  g_assert_true (pd_store_set_station_name (fixture->store, fixture->admin, "Elsewhere", &error));
  g_assert_no_error (error);

  g_assert_cmpuint (changes, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, n_all + 1);
  top = g_list_model_get_item (G_LIST_MODEL (model), 0);
  g_assert_cmpstr (pd_audit_record_get_entity_id (top), ==, "newcomer");
}

static void
test_model_refused (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(PdUser) operator = pd_test_login (fixture->store, "operator");
  g_autoptr(PdUser) supervisor = pd_test_login (fixture->store, "supervisor");
  g_autoptr(PdAuditModel) model = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) denials = NULL;

  model = pd_audit_model_new (fixture->store, operator);
  wait_loaded (model);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
  g_assert_nonnull (pd_audit_model_get_error (model));

  denials = pd_store_query_audit (fixture->store, fixture->admin,
                                  &(PdAuditFilter) { .user = "operator", .action = "audit.read", .result = "denied" },
                                  0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (denials->len, ==, 1);
  g_clear_object (&model);

  /* A supervisor demoted while the page is open sees nothing after the
   * next reload. */
  model = pd_audit_model_new (fixture->store, supervisor);
  wait_loaded (model);
  g_assert_null (pd_audit_model_get_error (model));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), >, 0);

  g_assert_true (pd_store_set_user_role (fixture->store, fixture->admin, "supervisor", PD_ROLE_OPERATOR, &error));
  g_assert_no_error (error);
  pd_audit_model_reload (model);
  wait_loaded (model);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
  g_assert_nonnull (pd_audit_model_get_error (model));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  pd_core_init ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/core/audit/contents", test_contents);
  ADD ("/core/audit/filters", test_filters);
  ADD ("/core/audit/lazy-model", test_model);
  ADD ("/core/audit/model-refused", test_model_refused);
#undef ADD

  return g_test_run ();
}
