/* pd-store.c
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-store"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "pd-core-resources.h"
#include "pd-error.h"
#include "pd-role.h"
#include "pd-store-private.h"

#define DB_FILE_NAME "plantdesk.db"
#define DEFAULT_BUSY_TIMEOUT_MS 5000
#define OPEN_RETRY_MS 20
#define MIGRATIONS_PATH "/org/plantdesk/Plantdesk/core/sql"

G_DEFINE_FINAL_TYPE (PdStore, pd_store, G_TYPE_OBJECT)

static guint signals[PD_STORE_N_SIGNALS];

static void
pd_store_finalize (GObject *object)
{
  PdStore *self = (PdStore *) object;

  g_clear_pointer (&self->db, sqlite3_close_v2);
  g_clear_pointer (&self->data_dir, g_free);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->fault_point, g_free);

  G_OBJECT_CLASS (pd_store_parent_class)->finalize (object);
}

static void
pd_store_class_init (PdStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pd_store_finalize;

  signals[PD_STORE_SIGNAL_USERS_CHANGED] =
    g_signal_new ("users-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[PD_STORE_SIGNAL_AUDIT_APPENDED] =
    g_signal_new ("audit-appended", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[PD_STORE_SIGNAL_STATION_CHANGED] =
    g_signal_new ("station-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[PD_STORE_SIGNAL_DEVICES_CHANGED] =
    g_signal_new ("devices-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[PD_STORE_SIGNAL_INSPECTIONS_CHANGED] =
    g_signal_new ("inspections-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[PD_STORE_SIGNAL_ALARMS_CHANGED] =
    g_signal_new ("alarms-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[PD_STORE_SIGNAL_STOCK_CHANGED] =
    g_signal_new ("stock-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[PD_STORE_SIGNAL_WORK_ORDERS_CHANGED] =
    g_signal_new ("work-orders-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[PD_STORE_SIGNAL_MES_MASTER_CHANGED] =
    g_signal_new ("mes-master-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
pd_store_init (PdStore *self)
{
}

void
_pd_store_emit (PdStore       *self,
                PdStoreSignal  signal)
{
  g_signal_emit (self, signals[signal], 0);
}

char *
_pd_store_format_time (GDateTime *time)
{
  g_autoptr(GDateTime) utc = g_date_time_to_utc (time);
  g_autofree char *base = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%S");

  return g_strdup_printf ("%s.%03dZ", base, g_date_time_get_microsecond (utc) / 1000);
}

char *
_pd_store_now (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return _pd_store_format_time (now);
}

gboolean
pd_store_set_sqlite_error (sqlite3  *db,
                           int       rc,
                           GError  **error)
{
  int primary = rc & 0xff;
  const char *detail = db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc);

  switch (primary)
    {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, PD_ERROR, PD_ERROR_DB_BUSY,
                   _("The database is busy: another program has been writing to it for too long. Try again."));
      break;

    case SQLITE_READONLY:
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
      g_set_error (error, PD_ERROR, PD_ERROR_DB_READONLY,
                   _("The database cannot be written: check that the data folder is writable (%s)."),
                   detail);
      break;

    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      g_set_error (error, PD_ERROR, PD_ERROR_DB_CORRUPT,
                   _("The database is damaged (%s). Restore it from a backup; Plantdesk has not changed it."),
                   detail);
      break;

    case SQLITE_FULL:
      g_set_error (error, PD_ERROR, PD_ERROR_DB,
                   _("The disk is full: nothing was saved."));
      break;

    default:
      g_set_error (error, PD_ERROR, PD_ERROR_DB,
                   _("Database error: %s"), detail);
      break;
    }

  return FALSE;
}

gboolean
_pd_store_exec (PdStore     *self,
                const char  *sql,
                GError     **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return pd_store_set_sqlite_error (self->db, rc, error);

  return TRUE;
}

gboolean
_pd_store_begin_immediate (PdStore  *self,
                           GError  **error)
{
  return _pd_store_exec (self, "BEGIN IMMEDIATE", error);
}

gboolean
_pd_store_commit (PdStore  *self,
                  GError  **error)
{
  if (!_pd_store_exec (self, "COMMIT", error))
    {
      _pd_store_rollback (self);
      return FALSE;
    }

  return TRUE;
}

void
_pd_store_rollback (PdStore *self)
{
  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

char *
pd_store_default_data_dir (void)
{
  const char *env = g_getenv ("PLANTDESK_DATA_DIR");

  if (env != NULL && *env != '\0')
    return g_strdup (env);

  return g_build_filename (g_get_user_data_dir (), "plantdesk", NULL);
}

static int
count_migrations (void)
{
  g_auto(GStrv) names = NULL;

  /* Referencing the resource keeps its object file (and the constructor
   * that registers it) in programs that link the static library. */
  g_assert (pd_core_get_resource () != NULL);
  names = g_resources_enumerate_children (MIGRATIONS_PATH, 0, NULL);

  return names != NULL ? (int) g_strv_length (names) : 0;
}

int
pd_store_get_latest_version (void)
{
  static int latest = -1;

  if (latest < 0)
    latest = count_migrations ();

  return latest;
}

/* Migrations are named "NNNN-what-it-does.sql" and numbered from 1 without
 * gaps; the number is the schema version they produce. */
static char *
find_migration (int    version,
                char **name)
{
  g_auto(GStrv) names = g_resources_enumerate_children (MIGRATIONS_PATH, 0, NULL);
  g_autofree char *prefix = g_strdup_printf ("%04d-", version);

  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      if (g_str_has_prefix (names[i], prefix))
        {
          *name = g_strdup (names[i]);
          return g_build_path ("/", MIGRATIONS_PATH, names[i], NULL);
        }
    }

  return NULL;
}

static gboolean
read_user_version (PdStore  *self,
                   int      *version,
                   GError  **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, "PRAGMA user_version", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);

  if (rc != SQLITE_ROW)
    {
      pd_store_set_sqlite_error (self->db, rc, error);
      sqlite3_finalize (stmt);
      return FALSE;
    }

  *version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return TRUE;
}

static gboolean
quick_check (PdStore  *self,
             GError  **error)
{
  sqlite3_stmt *stmt = NULL;
  g_autoptr(GString) problems = g_string_new (NULL);
  int rc;

  rc = sqlite3_prepare_v2 (self->db, "PRAGMA quick_check(5)", -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return pd_store_set_sqlite_error (self->db, rc, error);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *line = (const char *) sqlite3_column_text (stmt, 0);

      if (g_strcmp0 (line, "ok") != 0)
        g_string_append_printf (problems, "%s%s", problems->len ? "; " : "", line);
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    return pd_store_set_sqlite_error (self->db, rc, error);

  if (problems->len > 0)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_DB_CORRUPT,
                   _("The database is damaged (%s). Restore it from a backup; Plantdesk has not changed it."),
                   problems->str);
      return FALSE;
    }

  return TRUE;
}

static gboolean
apply_migration (PdStore  *self,
                 int       version,
                 GError  **error)
{
  g_autofree char *name = NULL;
  g_autofree char *path = find_migration (version, &name);
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *now = _pd_store_now ();
  g_autofree char *set_version = NULL;
  sqlite3_stmt *stmt = NULL;
  int current = 0;
  int rc;

  g_assert (path != NULL);

  bytes = g_resources_lookup_data (path, 0, NULL);
  g_assert (bytes != NULL);
  sql = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

  if (!_pd_store_begin_immediate (self, error))
    return FALSE;

  /* Another program may have migrated while this one waited for the lock. */
  if (!read_user_version (self, &current, error))
    goto failed;

  if (current >= version)
    {
      _pd_store_rollback (self);
      self->schema_version = current;
      return TRUE;
    }

  if (!_pd_store_exec (self, sql, error))
    goto failed;

  rc = sqlite3_prepare_v2 (self->db,
                           "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_int (stmt, 1, version);
      sqlite3_bind_text (stmt, 2, name, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, now, -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (stmt);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      pd_store_set_sqlite_error (self->db, rc, error);
      goto failed;
    }

  /* The pragma takes no parameters; VERSION is our own integer. */
  set_version = g_strdup_printf ("PRAGMA user_version = %d", version);
  if (!_pd_store_exec (self, set_version, error))
    goto failed;

  if (!_pd_store_commit (self, error))
    return FALSE;

  g_debug ("Applied migration %s", name);
  self->schema_version = version;
  return TRUE;

failed:
  _pd_store_rollback (self);
  return FALSE;
}

/* Journal mode, pragmas and migrations: everything at open that writes. */
static gboolean
prepare_schema (PdStore  *self,
                int       max_version,
                GError  **error)
{
  int version = 0;

  if (!_pd_store_exec (self, "PRAGMA journal_mode = WAL", error) ||
      !_pd_store_exec (self, "PRAGMA synchronous = NORMAL", error) ||
      !_pd_store_exec (self, "PRAGMA foreign_keys = ON", error) ||
      !read_user_version (self, &version, error))
    return FALSE;

  self->schema_version = version;
  for (int v = version + 1; v <= max_version; v++)
    {
      if (!apply_migration (self, v, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
prepare_data_dir (const char  *data_dir,
                  GError     **error)
{
  if (g_mkdir_with_parents (data_dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, PD_ERROR, PD_ERROR_DB_READONLY,
                   _("Cannot create the data folder “%s”: %s"),
                   data_dir, g_strerror (saved_errno));
      return FALSE;
    }

  if (g_access (data_dir, W_OK) != 0)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_DB_READONLY,
                   _("The data folder “%s” is not writable."), data_dir);
      return FALSE;
    }

  return TRUE;
}

PdStore *
pd_store_open_at_version (const char  *data_dir,
                          int          max_version,
                          GError     **error)
{
  g_autoptr(PdStore) self = NULL;
  int latest = pd_store_get_latest_version ();
  int version = 0;
  int rc;

  g_return_val_if_fail (data_dir != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (max_version < 0 || max_version > latest)
    max_version = latest;

  if (!prepare_data_dir (data_dir, error))
    return NULL;

  self = g_object_new (PD_TYPE_STORE, NULL);
  self->data_dir = g_strdup (data_dir);
  self->path = g_build_filename (data_dir, DB_FILE_NAME, NULL);

  if (g_file_test (self->path, G_FILE_TEST_EXISTS) && g_access (self->path, W_OK) != 0)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_DB_READONLY,
                   _("The database “%s” is not writable."), self->path);
      return NULL;
    }

  rc = sqlite3_open_v2 (self->path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                        NULL);
  if (rc != SQLITE_OK)
    {
      pd_store_set_sqlite_error (self->db, rc, error);
      return NULL;
    }

  sqlite3_extended_result_codes (self->db, TRUE);
  sqlite3_busy_timeout (self->db, DEFAULT_BUSY_TIMEOUT_MS);

  /* Look before touching: a newer or damaged database must be left exactly
   * as it is, so nothing below may write until these checks pass. */
  if (!read_user_version (self, &version, error))
    return NULL;

  if (version > latest)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_DB_NEWER,
                   _("The database “%s” was written by a newer version of Plantdesk (schema %d; this version knows up to %d). Update Plantdesk to open it; it has not been changed."),
                   self->path, version, latest);
      return NULL;
    }

  if (!quick_check (self, error))
    return NULL;

  if (sqlite3_db_readonly (self->db, "main") == 1)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_DB_READONLY,
                   _("The database “%s” is not writable."), self->path);
      return NULL;
    }

  /* Two programs opening a new database at the same moment can meet in a
   * lock that SQLite refuses at once instead of waiting for, to avoid a
   * deadlock: the loser waits a little and starts over, within the busy
   * timeout. */
  for (int attempt = 0; ; attempt++)
    {
      g_autoptr(GError) local_error = NULL;

      if (prepare_schema (self, max_version, &local_error))
        break;

      if (!g_error_matches (local_error, PD_ERROR, PD_ERROR_DB_BUSY) ||
          attempt * OPEN_RETRY_MS >= DEFAULT_BUSY_TIMEOUT_MS)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }

      g_usleep (OPEN_RETRY_MS * 1000);
    }

  return g_steal_pointer (&self);
}

PdStore *
pd_store_open (const char  *data_dir,
               GError     **error)
{
  return pd_store_open_at_version (data_dir, -1, error);
}

PdStore *
pd_store_open_existing (const char  *data_dir,
                        GError     **error)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (data_dir != NULL, NULL);

  path = g_build_filename (data_dir, DB_FILE_NAME, NULL);
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, PD_ERROR, PD_ERROR_NOT_INITIALIZED,
                   _("There is no Plantdesk database in “%s”: set up the station first."),
                   data_dir);
      return NULL;
    }

  return pd_store_open (data_dir, error);
}

static void
open_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  PdStore *store = pd_store_open (task_data, &error);

  /* The connection was opened without a mutex of its own: from here on it
   * belongs to the thread that receives it, and this one never touches
   * it again. */
  if (store == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, store, g_object_unref);
}

void
pd_store_open_async (const char          *data_dir,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (data_dir != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, pd_store_open_async);
  g_task_set_task_data (task, g_strdup (data_dir), g_free);
  g_task_run_in_thread (task, open_thread);
}

PdStore *
pd_store_open_finish (GAsyncResult  *result,
                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_async_result_is_tagged (result, pd_store_open_async), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

int
pd_store_get_schema_version (PdStore *self)
{
  g_return_val_if_fail (PD_IS_STORE (self), 0);

  return self->schema_version;
}

const char *
pd_store_get_data_dir (PdStore *self)
{
  g_return_val_if_fail (PD_IS_STORE (self), NULL);

  return self->data_dir;
}

const char *
pd_store_get_path (PdStore *self)
{
  g_return_val_if_fail (PD_IS_STORE (self), NULL);

  return self->path;
}

sqlite3 *
pd_store_get_db (PdStore *self)
{
  g_return_val_if_fail (PD_IS_STORE (self), NULL);

  return self->db;
}

void
pd_store_set_busy_timeout (PdStore *self,
                           int      msec)
{
  g_return_if_fail (PD_IS_STORE (self));

  sqlite3_busy_timeout (self->db, MAX (msec, 0));
}

void
pd_store_inject_fault (PdStore    *self,
                       const char *point)
{
  g_return_if_fail (PD_IS_STORE (self));

  g_free (self->fault_point);
  self->fault_point = g_strdup (point);
}

static char *
query_station_column (PdStore    *self,
                      const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));

  sqlite3_finalize (stmt);
  return value;
}

gboolean
pd_store_is_initialized (PdStore *self)
{
  sqlite3_stmt *stmt = NULL;
  gboolean initialized = FALSE;

  g_return_val_if_fail (PD_IS_STORE (self), FALSE);

  if (sqlite3_prepare_v2 (self->db, "SELECT EXISTS (SELECT 1 FROM users)", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    initialized = sqlite3_column_int (stmt, 0) != 0;

  sqlite3_finalize (stmt);
  return initialized;
}

char *
pd_store_dup_station_name (PdStore *self)
{
  g_return_val_if_fail (PD_IS_STORE (self), NULL);

  return query_station_column (self, "SELECT name FROM station WHERE id = 1");
}

char *
pd_store_dup_station_id (PdStore *self)
{
  g_return_val_if_fail (PD_IS_STORE (self), NULL);

  return query_station_column (self, "SELECT station_id FROM station WHERE id = 1");
}

gboolean
_pd_station_name_check (const char  *name,
                        GError     **error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (name != NULL ? name : ""));

  if (*stripped == '\0')
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID, _("The station name must not be empty."));
      return FALSE;
    }

  if (!g_utf8_validate (stripped, -1, NULL) || g_utf8_strlen (stripped, -1) > 64)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("The station name must be at most 64 characters long."));
      return FALSE;
    }

  return TRUE;
}

static gboolean
write_station_name (PdWrite   *write,
                    gpointer   user_data,
                    GError   **error)
{
  const char *name = user_data;
  sqlite3 *db = pd_write_get_db (write);
  g_autofree char *old_name = pd_store_dup_station_name (pd_write_get_store (write));
  g_autofree char *station_id = pd_store_dup_station_id (pd_write_get_store (write));
  g_autofree char *detail = NULL;
  sqlite3_stmt *stmt = NULL;
  JsonObject *payload;
  int rc;

  rc = sqlite3_prepare_v2 (db, "UPDATE station SET name = ? WHERE id = 1", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (stmt);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return pd_store_set_sqlite_error (db, rc, error);

  if (sqlite3_changes (db) == 0)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_NOT_INITIALIZED,
                   _("This station has not been set up yet."));
      return FALSE;
    }

  payload = json_object_new ();
  json_object_set_string_member (payload, "station_id", station_id);
  json_object_set_string_member (payload, "name", name);
  pd_write_take_payload (write, payload);
  pd_write_set_entity_id (write, station_id);
  pd_write_set_operation (write, "update");

  detail = g_strdup_printf ("%s → %s", old_name, name);
  pd_write_set_detail (write, detail);

  return TRUE;
}

gboolean
pd_store_set_station_name (PdStore     *self,
                           PdUser      *actor,
                           const char  *name,
                           GError     **error)
{
  g_autofree char *stripped = NULL;

  g_return_val_if_fail (PD_IS_STORE (self), FALSE);
  g_return_val_if_fail (PD_IS_USER (actor), FALSE);

  if (!_pd_station_name_check (name, error))
    return FALSE;

  stripped = g_strstrip (g_strdup (name));
  if (!pd_store_write (self, actor, PD_PERMISSION_STATION_CONFIGURE,
                       "station.rename", "station",
                       write_station_name, stripped, error))
    return FALSE;

  _pd_store_emit (self, PD_STORE_SIGNAL_STATION_CHANGED);
  return TRUE;
}
