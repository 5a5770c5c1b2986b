/* test-store.c
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <unistd.h>

#include "pd-test-utils.h"

typedef struct
{
  char *dir;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture->dir = pd_test_data_dir_new ();
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  pd_test_data_dir_free (fixture->dir);
}

static char *
db_path (Fixture *fixture)
{
  return g_build_filename (fixture->dir, "plantdesk.db", NULL);
}

static int
raw_user_version (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int version;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return version;
}

static void
test_fresh (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdStore) store = pd_store_open (fixture->dir, &error);
  g_autofree char *path = db_path (fixture);
  sqlite3_stmt *stmt = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (pd_store_get_latest_version (), >=, 2);
  g_assert_cmpint (pd_store_get_schema_version (store), ==, pd_store_get_latest_version ());
  g_assert_cmpstr (pd_store_get_path (store), ==, path);
  g_assert_false (pd_store_is_initialized (store));
  g_assert_cmpint (pd_test_count_rows (store, "schema_migrations"), ==, pd_store_get_latest_version ());

  /* WAL and foreign keys are on. */
  g_assert_cmpint (sqlite3_prepare_v2 (pd_store_get_db (store), "PRAGMA journal_mode", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "wal");
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_prepare_v2 (pd_store_get_db (store), "PRAGMA foreign_keys", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);
  sqlite3_finalize (stmt);

  g_clear_object (&store);
  g_assert_cmpint (raw_user_version (path), ==, pd_store_get_latest_version ());

  /* Opening again applies nothing. */
  store = pd_store_open (fixture->dir, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pd_test_count_rows (store, "schema_migrations"), ==, pd_store_get_latest_version ());
}

static void
test_upgrade (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdStore) store = NULL;
  g_autoptr(PdUser) admin = NULL;
  sqlite3_stmt *stmt = NULL;

  /* A station set up with schema 1 keeps its data through the upgrade. */
  store = pd_store_open_at_version (fixture->dir, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pd_store_get_schema_version (store), ==, 1);
  g_assert_cmpint (sqlite3_prepare_v2 (pd_store_get_db (store), "SELECT * FROM login_failures", -1, &stmt, NULL), !=, SQLITE_OK);
  sqlite3_finalize (stmt);
  g_clear_object (&store);

  store = pd_store_open (fixture->dir, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pd_store_get_schema_version (store), ==, pd_store_get_latest_version ());
  g_assert_cmpint (pd_test_count_rows (store, "login_failures"), ==, 0);
  g_assert_cmpint (pd_test_count_rows (store, "schema_migrations"), ==, pd_store_get_latest_version ());

  pd_store_init_station (store, "Upgraded", "admin", PD_TEST_PASSWORD, &error);
  g_assert_no_error (error);
  admin = pd_test_login (store, "admin");
  g_assert_cmpint (pd_user_get_role (admin), ==, PD_ROLE_ADMIN);
}

static GBytes *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);

  return g_bytes_new_take (contents, length);
}

static void
test_newer_refused (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdStore) store = pd_store_open (fixture->dir, &error);
  g_autofree char *path = db_path (fixture);
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_exec (pd_store_get_db (store), "PRAGMA user_version = 999", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (pd_store_get_db (store), "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL), ==, SQLITE_OK);
  g_clear_object (&store);

  before = read_file (path);
  store = pd_store_open (fixture->dir, &error);
  g_assert_error (error, PD_ERROR, PD_ERROR_DB_NEWER);
  g_assert_null (store);
  g_assert_nonnull (strstr (error->message, "999"));

  after = read_file (path);
  g_assert_true (g_bytes_equal (before, after));
  g_assert_cmpint (raw_user_version (path), ==, 999);
}

static void
test_corrupt_refused (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdStore) store = NULL;
  g_autofree char *path = db_path (fixture);
  g_autoptr(GBytes) after = NULL;
  const char garbage[] = "This is not a database, it is a shopping list. Eggs, milk, bolts.";

  g_file_set_contents (path, garbage, sizeof garbage, &error);
  g_assert_no_error (error);

  store = pd_store_open (fixture->dir, &error);
  g_assert_error (error, PD_ERROR, PD_ERROR_DB_CORRUPT);
  g_assert_null (store);

  after = read_file (path);
  g_assert_cmpmem (g_bytes_get_data (after, NULL), g_bytes_get_size (after), garbage, sizeof garbage);
}

static void
test_damaged_pages_refused (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdStore) store = pd_test_store_new_populated (fixture->dir);
  g_autofree char *path = db_path (fixture);
  g_autofree char *contents = NULL;
  gsize length = 0;

  /* Enough rows for several pages, then everything moved into the file. */
  g_assert_cmpint (sqlite3_exec (pd_store_get_db (store),
                                 "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000) "
                                 "INSERT INTO audit_log (ts, user_name, role, station, action, entity, result) "
                                 "SELECT '2026-01-01T00:00:00.000Z', 'x', 'admin', 's', 'test.fill', 'test', 'ok' FROM n",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (pd_store_get_db (store), "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL), ==, SQLITE_OK);
  g_clear_object (&store);

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 16 * 4096);

  /* Scribble over pages in the middle, keeping the header intact. */
  for (gsize i = 4 * 4096; i < 12 * 4096; i++)
    contents[i] = (char) (i * 7);
  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);

  store = pd_store_open (fixture->dir, &error);
  g_assert_error (error, PD_ERROR, PD_ERROR_DB_CORRUPT);
  g_assert_null (store);
}

static void
test_not_writable (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdStore) store = NULL;
  g_autofree char *sub = g_build_filename (fixture->dir, "locked", NULL);
  g_autofree char *below = g_build_filename (sub, "station", NULL);

  if (geteuid () == 0)
    {
      g_test_skip ("root may write into read-only folders");
      return;
    }

  g_assert_cmpint (g_mkdir (sub, 0500), ==, 0);
  store = pd_store_open (sub, &error);
  g_assert_error (error, PD_ERROR, PD_ERROR_DB_READONLY);
  g_assert_null (store);
  g_clear_error (&error);

  store = pd_store_open (below, &error);
  g_assert_error (error, PD_ERROR, PD_ERROR_DB_READONLY);
  g_assert_null (store);

  g_chmod (sub, 0700);
}

static void
test_not_a_folder (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdStore) store = NULL;
  g_autofree char *file = g_build_filename (fixture->dir, "a-file", NULL);
  g_autofree char *below = g_build_filename (file, "data", NULL);

  g_file_set_contents (file, "x", 1, &error);
  g_assert_no_error (error);

  /* Even root cannot create a folder below a plain file. */
  store = pd_store_open (below, &error);
  g_assert_error (error, PD_ERROR, PD_ERROR_DB_READONLY);
  g_assert_null (store);
}

static void
test_busy (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdStore) store = pd_test_store_new_populated (fixture->dir);
  g_autoptr(PdUser) admin = pd_test_login (store, "admin");
  g_autofree char *path = db_path (fixture);
  g_autofree char *name = NULL;
  sqlite3 *other = NULL;
  gint64 audit_before = pd_test_count_rows (store, "audit_log");
  gint64 outbox_before = pd_test_count_rows (store, "outbox");

  /* Another program holds the write lock past our timeout. */
  g_assert_cmpint (sqlite3_open (path, &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);

  pd_store_set_busy_timeout (store, 50);
  g_assert_false (pd_store_set_station_name (store, admin, "Renamed", &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_DB_BUSY);

  g_assert_cmpint (sqlite3_exec (other, "ROLLBACK", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (other);

  name = pd_store_dup_station_name (store);
  g_assert_cmpstr (name, ==, "Test station");
  g_assert_cmpint (pd_test_count_rows (store, "audit_log"), ==, audit_before);
  g_assert_cmpint (pd_test_count_rows (store, "outbox"), ==, outbox_before);
}

static void
test_station (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdStore) store = pd_test_store_new_populated (fixture->dir);
  g_autoptr(PdUser) admin = pd_test_login (store, "admin");
  g_autoptr(PdUser) supervisor = pd_test_login (store, "supervisor");
  g_autofree char *id = pd_store_dup_station_id (store);
  g_autofree char *name = NULL;
  guint changed = 0;

  g_assert_true (pd_store_is_initialized (store));
  g_assert_true (g_uuid_string_is_valid (id));

  g_signal_connect_swapped (store, "station-changed", G_CALLBACK (g_nullify_pointer), &changed);
  g_assert_false (pd_store_set_station_name (store, admin, "   ", &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_false (pd_store_set_station_name (store, supervisor, "Line 2", &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);

  g_assert_true (pd_store_set_station_name (store, admin, "  Line 2 · 装配站 ", &error));
  g_assert_no_error (error);
  name = pd_store_dup_station_name (store);
  g_assert_cmpstr (name, ==, "Line 2 · 装配站");

  /* Set-up twice is refused. */
  g_assert_false (pd_store_init_station (store, "Again", "root2", PD_TEST_PASSWORD, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_EXISTS);
  (void) changed;
}

static void
open_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static void
test_open_async (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PdStore) store = NULL;
  g_autofree char *path = db_path (fixture);
  g_autofree char *wal = NULL;

  pd_store_open_async (fixture->dir, NULL, open_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  store = pd_store_open_finish (result, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pd_store_get_schema_version (store), ==, pd_store_get_latest_version ());

  /* Used on this thread from now on. */
  pd_store_init_station (store, "Async", "admin", PD_TEST_PASSWORD, &error);
  g_assert_no_error (error);
  g_assert_true (pd_store_is_initialized (store));
  g_clear_object (&store);
  g_clear_object (&result);

  /* Failures come back the same way. */
  g_file_set_contents (path, "garbage garbage garbage garbage", -1, &error);
  g_assert_no_error (error);
  wal = g_strconcat (path, "-wal", NULL);
  g_unlink (wal);
  pd_store_open_async (fixture->dir, NULL, open_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  store = pd_store_open_finish (result, &error);
  g_assert_null (store);
  g_assert_error (error, PD_ERROR, PD_ERROR_DB_CORRUPT);
}

static void
test_open_existing (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdStore) store = NULL;
  g_autofree char *missing = g_build_filename (fixture->dir, "typo", NULL);

  store = pd_store_open_existing (missing, &error);
  g_assert_error (error, PD_ERROR, PD_ERROR_NOT_INITIALIZED);
  g_assert_null (store);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  store = pd_store_open (fixture->dir, &error);
  g_assert_no_error (error);
  g_clear_object (&store);

  store = pd_store_open_existing (fixture->dir, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
}

static gpointer
open_in_thread (gpointer data)
{
  g_autoptr(GError) error = NULL;
  PdStore *store = pd_store_open (data, &error);

  g_assert_no_error (error);
  return store;
}

static void
test_concurrent_first_open (void)
{
  /* Two programs starting on a new data folder at the same moment (the app
   * and plantdesk-ctl, say) both migrate it without tripping over each
   * other. */
  for (guint round = 0; round < 8; round++)
    {
      g_autofree char *dir = pd_test_data_dir_new ();
      GThread *a = g_thread_new ("open-a", open_in_thread, dir);
      GThread *b = g_thread_new ("open-b", open_in_thread, dir);
      g_autoptr(PdStore) store_a = g_thread_join (a);
      g_autoptr(PdStore) store_b = g_thread_join (b);

      g_assert_cmpint (pd_store_get_schema_version (store_a), ==, pd_store_get_latest_version ());
      g_assert_cmpint (pd_store_get_schema_version (store_b), ==, pd_store_get_latest_version ());
      g_assert_cmpint (pd_test_count_rows (store_a, "schema_migrations"), ==, pd_store_get_latest_version ());

      g_clear_object (&store_a);
      g_clear_object (&store_b);
      pd_test_rm_rf (dir);
    }
}

static void
test_default_data_dir (void)
{
  g_autofree char *dir = NULL;

  g_setenv ("PLANTDESK_DATA_DIR", "/tmp/somewhere-else", TRUE);
  dir = pd_store_default_data_dir ();
  g_assert_cmpstr (dir, ==, "/tmp/somewhere-else");
  g_clear_pointer (&dir, g_free);

  g_unsetenv ("PLANTDESK_DATA_DIR");
  dir = pd_store_default_data_dir ();
  g_assert_true (g_str_has_suffix (dir, "/plantdesk"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  pd_core_init ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/core/store/migrations/fresh", test_fresh);
  ADD ("/core/store/migrations/upgrade", test_upgrade);
  ADD ("/core/store/migrations/newer-refused", test_newer_refused);
  ADD ("/core/store/open/corrupt-refused", test_corrupt_refused);
  ADD ("/core/store/open/damaged-pages-refused", test_damaged_pages_refused);
  ADD ("/core/store/open/not-writable", test_not_writable);
  ADD ("/core/store/open/not-a-folder", test_not_a_folder);
  ADD ("/core/store/write/busy", test_busy);
  ADD ("/core/store/station", test_station);
  ADD ("/core/store/open/async", test_open_async);
  ADD ("/core/store/open/existing-only", test_open_existing);
#undef ADD
  g_test_add_func ("/core/store/default-data-dir", test_default_data_dir);
  g_test_add_func ("/core/store/migrations/concurrent-first-open", test_concurrent_first_open);

  return g_test_run ();
}
