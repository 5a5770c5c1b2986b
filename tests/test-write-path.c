/* test-write-path.c
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
  PdUser  *operator;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture->dir = pd_test_data_dir_new ();
  fixture->store = pd_test_store_new_populated (fixture->dir);
  fixture->admin = pd_test_login (fixture->store, "admin");
  fixture->operator = pd_test_login (fixture->store, "operator");

  /* A table of facts of the test's own, written through the write path. */
  g_assert_cmpint (sqlite3_exec (pd_store_get_db (fixture->store),
                                 "CREATE TABLE test_facts (id INTEGER PRIMARY KEY, value TEXT NOT NULL)",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_clear_object (&fixture->admin);
  g_clear_object (&fixture->operator);
  g_assert_finalize_object (fixture->store);
  pd_test_data_dir_free (fixture->dir);
}

static gboolean
write_fact (PdWrite   *write,
            gpointer   user_data,
            GError   **error)
{
  const char *value = user_data;
  sqlite3_stmt *stmt = NULL;
  JsonObject *payload;
  g_autofree char *id = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (pd_write_get_db (write), "INSERT INTO test_facts (value) VALUES (?)", -1, &stmt, NULL);
  g_assert_cmpint (rc, ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, value, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return pd_store_set_sqlite_error (pd_write_get_db (write), rc, error);

  id = g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) sqlite3_last_insert_rowid (pd_write_get_db (write)));
  payload = json_object_new ();
  json_object_set_string_member (payload, "value", value);
  pd_write_take_payload (write, payload);
  pd_write_set_entity_id (write, id);
  pd_write_set_operation (write, "insert");
  pd_write_set_detail (write, "a test fact");

  return TRUE;
}

static gboolean
write_fact_then_fail (PdWrite   *write,
                      gpointer   user_data,
                      GError   **error)
{
  if (!write_fact (write, user_data, error))
    return FALSE;

  g_set_error (error, PD_ERROR, PD_ERROR_INVALID, "Refused by the domain rule");
  return FALSE;
}

typedef struct
{
  gint64 facts;
  gint64 audit;
  gint64 outbox;
} Counts;

static Counts
count_all (Fixture *fixture)
{
  return (Counts) {
    pd_test_count_rows (fixture->store, "test_facts"),
    pd_test_count_rows (fixture->store, "audit_log"),
    pd_test_count_rows (fixture->store, "outbox"),
  };
}

static void
test_commit_writes_all_three (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *station_id = pd_store_dup_station_id (fixture->store);
  Counts before = count_all (fixture);
  Counts after;
  sqlite3_stmt *stmt = NULL;
  g_autoptr(JsonNode) payload = NULL;
  gint64 last_seq;

  g_assert_true (pd_store_write (fixture->store, fixture->admin, PD_PERMISSION_STATION_CONFIGURE,
                                 "test.write", "test-fact", write_fact, (gpointer) "42 bolts", &error));
  g_assert_no_error (error);

  after = count_all (fixture);
  g_assert_cmpint (after.facts, ==, before.facts + 1);
  g_assert_cmpint (after.audit, ==, before.audit + 1);
  g_assert_cmpint (after.outbox, ==, before.outbox + 1);

  /* The audit record says who, in which role, where, what and the result. */
  g_assert_cmpint (sqlite3_prepare_v2 (pd_store_get_db (fixture->store),
                                       "SELECT ts, user_name, role, station, action, entity, entity_id, result, detail "
                                       "FROM audit_log ORDER BY id DESC LIMIT 1", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_nonnull (g_date_time_new_from_iso8601 ((const char *) sqlite3_column_text (stmt, 0), NULL));
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), ==, "admin");
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 2), ==, "admin");
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 3), ==, "Test station");
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 4), ==, "test.write");
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 5), ==, "test-fact");
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 6), ==, "1");
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 7), ==, "ok");
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 8), ==, "a test fact");
  sqlite3_finalize (stmt);

  /* The outbox entry carries a UUID, the operation, the payload and the
   * next station sequence number, without gaps. */
  g_assert_cmpint (sqlite3_prepare_v2 (pd_store_get_db (fixture->store),
                                       "SELECT uuid, station_seq, entity, entity_id, operation, payload, "
                                       "  (SELECT max (station_seq) FROM outbox WHERE id < o.id), "
                                       "  (SELECT outbox_seq FROM station) "
                                       "FROM outbox o ORDER BY id DESC LIMIT 1", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_true (g_uuid_string_is_valid ((const char *) sqlite3_column_text (stmt, 0)));
  last_seq = sqlite3_column_int64 (stmt, 6);
  g_assert_cmpint (sqlite3_column_int64 (stmt, 1), ==, last_seq + 1);
  g_assert_cmpint (sqlite3_column_int64 (stmt, 1), ==, sqlite3_column_int64 (stmt, 7));
  g_assert_cmpint (sqlite3_column_int64 (stmt, 1), ==, before.outbox + 1);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 2), ==, "test-fact");
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 3), ==, "1");
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 4), ==, "insert");
  payload = json_from_string ((const char *) sqlite3_column_text (stmt, 5), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (payload), "value"), ==, "42 bolts");
  sqlite3_finalize (stmt);

  g_assert_true (g_uuid_string_is_valid (station_id));
}

static void
test_injected_fault (Fixture       *fixture,
                     gconstpointer  data)
{
  const char *point = data;
  g_autoptr(GError) error = NULL;
  Counts before = count_all (fixture);
  Counts after;
  gint64 seq_before;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (pd_store_get_db (fixture->store), "SELECT outbox_seq FROM station",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  seq_before = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  pd_store_inject_fault (fixture->store, point);
  g_assert_false (pd_store_write (fixture->store, fixture->admin, PD_PERMISSION_STATION_CONFIGURE,
                                  "test.write", "test-fact", write_fact, (gpointer) "lost", &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_FAILED);
  pd_store_inject_fault (fixture->store, NULL);

  after = count_all (fixture);
  g_assert_cmpint (after.facts, ==, before.facts);
  g_assert_cmpint (after.audit, ==, before.audit);
  g_assert_cmpint (after.outbox, ==, before.outbox);

  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int64 (stmt, 0), ==, seq_before);
  sqlite3_finalize (stmt);

  /* The store is usable right after. */
  g_clear_error (&error);
  g_assert_true (pd_store_write (fixture->store, fixture->admin, PD_PERMISSION_STATION_CONFIGURE,
                                 "test.write", "test-fact", write_fact, (gpointer) "kept", &error));
  g_assert_no_error (error);
  g_assert_cmpint (pd_test_count_rows (fixture->store, "test_facts"), ==, before.facts + 1);
}

static void
test_domain_failure (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  Counts before = count_all (fixture);
  Counts after;

  g_assert_false (pd_store_write (fixture->store, fixture->admin, PD_PERMISSION_STATION_CONFIGURE,
                                  "test.write", "test-fact", write_fact_then_fail, (gpointer) "x", &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);

  after = count_all (fixture);
  g_assert_cmpint (after.facts, ==, before.facts);
  g_assert_cmpint (after.audit, ==, before.audit);
  g_assert_cmpint (after.outbox, ==, before.outbox);
}

static void
test_denied_writes_only_audit (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  Counts before = count_all (fixture);
  Counts after;
  sqlite3_stmt *stmt = NULL;
  guint appended = 0;

  g_signal_connect_swapped (fixture->store, "audit-appended", G_CALLBACK (g_atomic_int_inc), &appended);

  g_assert_false (pd_store_write (fixture->store, fixture->operator, PD_PERMISSION_STATION_CONFIGURE,
                                  "test.write", "test-fact", write_fact, (gpointer) "sneaky", &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_PERMISSION_DENIED);
  g_assert_nonnull (strstr (error->message, "operator"));

  after = count_all (fixture);
  g_assert_cmpint (after.facts, ==, before.facts);
  g_assert_cmpint (after.audit, ==, before.audit + 1);
  g_assert_cmpint (after.outbox, ==, before.outbox);
  g_assert_cmpuint (appended, ==, 1);

  g_assert_cmpint (sqlite3_prepare_v2 (pd_store_get_db (fixture->store),
                                       "SELECT user_name, role, action, result FROM audit_log ORDER BY id DESC LIMIT 1",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "operator");
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), ==, "operator");
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 2), ==, "test.write");
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 3), ==, "denied");
  sqlite3_finalize (stmt);
}

static void
test_stale_actor (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdUser) second_admin = NULL;

  /* An admin demoted elsewhere loses the right at once, even though the
   * snapshot the session holds still says admin. */
  second_admin = pd_store_add_user (fixture->store, fixture->admin, "admin2", PD_ROLE_ADMIN,
                                    PD_TEST_PASSWORD, &error);
  g_assert_no_error (error);
  g_assert_true (pd_store_set_user_role (fixture->store, fixture->admin, "admin2", PD_ROLE_OPERATOR, &error));
  g_assert_no_error (error);

  g_assert_false (pd_store_write (fixture->store, second_admin, PD_PERMISSION_STATION_CONFIGURE,
                                  "test.write", "test-fact", write_fact, (gpointer) "x", &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);

  /* And a disabled account can do nothing at all. */
  g_assert_true (pd_store_set_user_disabled (fixture->store, fixture->admin, "operator", TRUE, &error));
  g_assert_no_error (error);
  g_assert_false (pd_store_write (fixture->store, fixture->operator, PD_PERMISSION_OWN_ACCOUNT,
                                  "test.write", "test-fact", write_fact, (gpointer) "x", &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_PERMISSION_DENIED);
}

static void
test_audit_append_only (Fixture       *fixture,
                        gconstpointer  data)
{
  sqlite3 *db = pd_store_get_db (fixture->store);

  g_assert_cmpint (sqlite3_exec (db, "UPDATE audit_log SET result = 'ok'", NULL, NULL, NULL), !=, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "DELETE FROM audit_log", NULL, NULL, NULL), !=, SQLITE_OK);
  g_assert_cmpint (pd_test_count_rows (fixture->store, "audit_log"), >, 0);
}

static void
test_bootstrap_only_once (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  Counts before = count_all (fixture);
  Counts after;

  g_assert_false (pd_store_write (fixture->store, NULL, PD_PERMISSION_BOOTSTRAP,
                                  "test.write", "test-fact", write_fact, (gpointer) "x", &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_PERMISSION_DENIED);

  after = count_all (fixture);
  g_assert_cmpint (after.facts, ==, before.facts);
  g_assert_cmpint (after.audit, ==, before.audit + 1);
  g_assert_cmpint (after.outbox, ==, before.outbox);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  pd_core_init ();

#define ADD(path, func, data) g_test_add (path, Fixture, data, fixture_setup, func, fixture_teardown)
  ADD ("/core/write-path/commit-writes-facts-audit-outbox", test_commit_writes_all_three, NULL);
  ADD ("/core/write-path/fault-after-facts-leaves-nothing", test_injected_fault, "after-facts");
  ADD ("/core/write-path/fault-after-audit-leaves-nothing", test_injected_fault, "after-audit");
  ADD ("/core/write-path/fault-after-outbox-leaves-nothing", test_injected_fault, "after-outbox");
  ADD ("/core/write-path/domain-failure-leaves-nothing", test_domain_failure, NULL);
  ADD ("/core/write-path/denied-writes-only-audit", test_denied_writes_only_audit, NULL);
  ADD ("/core/write-path/stale-actor-refused", test_stale_actor, NULL);
  ADD ("/core/write-path/audit-is-append-only", test_audit_append_only, NULL);
  ADD ("/core/write-path/bootstrap-only-once", test_bootstrap_only_once, NULL);
#undef ADD

  return g_test_run ();
}
